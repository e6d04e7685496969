// How many fast-check cases each audit target runs, and from which seed.
// - `npm test` (no AUDIT_RUNS): a small sample from a FIXED seed, so the gate is the same every run —
//   a property that fails 1 run in N must not turn CI red at random; it is found by the audit instead.
// - `npm run audit` (AUDIT_RUNS=10000): a fresh seed each run, to explore; fast-check prints the seed
//   and path of any failure so it can be replayed with AUDIT_SEED=<seed>.
export const AUDIT_RUNS = Math.max(1, Number(process.env.AUDIT_RUNS ?? 200));
const GATE_SEED = 20261129;
const seed = process.env.AUDIT_SEED !== undefined ? Number(process.env.AUDIT_SEED) : process.env.AUDIT_RUNS === undefined ? GATE_SEED : undefined;
export const fcOptions = seed === undefined ? { numRuns: AUDIT_RUNS } : { numRuns: AUDIT_RUNS, seed };
