// `npm run bench`: runs every area's benchmark, prints one table, writes bench/results.json.
// Speed goals live here, never in timed unit tests: this machine is shared and noisy, so each goal is
// a ratio against a baseline measured in the same run wherever one exists.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult, Goal, ScalingRow } from './goal';
import { phase, phaseCount, phaseTable, progress } from './progress';
import { mergeResults, previousAreas, type AreaResults } from './results-file';

type BenchModule = { run(): Promise<BenchResult> };
// Each area's module is optional until that area lands; a missing one is skipped.
const AREAS = ['auth', 'monitor', 'renderer', 'cli', 'queues'];
const modules: Record<string, () => Promise<BenchModule>> = Object.fromEntries(
  AREAS.map((area) => [area, () => import(new URL(`./${area}.ts`, import.meta.url).href) as Promise<BenchModule>]),
);

// `npm run bench -- --sizes=1000,10000 --runs=5 monitor`: flags set BENCH_SIZES/BENCH_RUNS (read by the
// areas' modules, which load after this); other words name the areas to run. No arguments: everything.
const only: string[] = [];
for (const arg of process.argv.slice(2)) {
  const flag = /^--(sizes|runs)=(.+)$/.exec(arg);
  if (flag) process.env[`BENCH_${flag[1]!.toUpperCase()}`] = flag[2]!;
  else only.push(arg);
}
const goals: Goal[] = [];
const scaling: ScalingRow[] = [];
const ran: Record<string, AreaResults> = {};
for (const [name, load] of Object.entries(modules)) {
  if (only.length && !only.includes(name)) continue;
  let mod: BenchModule;
  try {
    mod = await load();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') continue;
    throw err;
  }
  progress(`running ${name} …`);
  const firstPhase = phaseCount();
  const result = await phase(name, 'whole area', undefined, () => mod.run());
  const area = Array.isArray(result) ? { goals: result, scaling: [] } : result;
  goals.push(...area.goals);
  scaling.push(...area.scaling);
  ran[name] = { at: new Date().toISOString(), sizes: process.env.BENCH_SIZES ?? null, goals: area.goals, scaling: area.scaling, phases: phaseTable(firstPhase).sort((a, b) => b.totalS - a.totalS) };
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
console.log('\n' + ['met', 'name', 'value', 'baseline', 'goal'].join('\t'));
for (const g of goals) {
  console.log([g.met ? 'yes' : 'NO', g.name, `${fmt(g.value)} ${g.unit}${g.spread ? ` (${g.spread})` : ''}`, g.baseline === undefined ? '' : fmt(g.baseline), g.goal].join('\t'));
}
if (scaling.length) {
  console.log('\nscaling (median, min–max over runs)\n' + ['area', 'measure', 'size', 'median', 'min–max', 'runs'].join('\t'));
  for (const r of scaling) console.log([r.area, r.measure, r.size, `${fmt(r.median)} ${r.unit}`, `${fmt(r.min)}–${fmt(r.max)}`, r.runs].join('\t'));
}
// Where the time went: every phase summed over its runs, the costliest first.
const phases = phaseTable().sort((a, b) => b.totalS - a.totalS);
console.log('\nphases (wall time, the costliest first)\n' + ['area', 'phase', 'size', 'count', 'total s', 'median s'].join('\t'));
for (const p of phases) console.log([p.area, p.phase, p.size ?? '', p.count, p.totalS.toFixed(1), p.medianS.toFixed(2)].join('\t'));
// The areas run now replace theirs in results.json; the others keep what their last run measured.
const out = fileURLToPath(new URL('./results.json', import.meta.url));
const { kept, note } = previousAreas(existsSync(out) ? readFileSync(out, 'utf8') : null);
if (note) console.log(`\n${note}`);
writeFileSync(out, JSON.stringify(mergeResults(kept, ran, AREAS), null, 2) + '\n');
const earlier = Object.entries(kept).filter(([a]) => !(a in ran));
const keptNote = earlier.length ? `; kept from earlier runs: ${earlier.map(([a, r]) => `${a} (${r.at}${r.sizes ? `, sizes ${r.sizes}` : ''})`).join(', ')}` : '';
console.log(`\n${goals.filter((g) => g.met).length}/${goals.length} goals met — written to bench/results.json (bench took ${(performance.now() / 60_000).toFixed(1)} min)${keptNote}`);
