// How many fast-check cases each audit target runs: `npm run audit` sets AUDIT_RUNS=10000; `npm test`
// runs the same properties on a small sample so they stay part of every run.
export const AUDIT_RUNS = Math.max(1, Number(process.env.AUDIT_RUNS ?? 200));
/** A fixed seed per run of the audit is printed by fast-check on failure, so any crash can be replayed. */
export const fcOptions = { numRuns: AUDIT_RUNS };
