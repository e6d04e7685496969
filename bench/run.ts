// `npm run bench`: runs every area's benchmark, prints one table, writes bench/results.json.
// Speed goals live here, never in timed unit tests: this machine is shared and noisy, so each goal is
// a ratio against a baseline measured in the same run wherever one exists.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Goal } from './goal';

type BenchModule = { run(): Promise<Goal[]> };
// Each area's module is optional until that area lands; a missing one is skipped.
const AREAS = ['auth', 'monitor', 'renderer', 'cli'];
const modules: Record<string, () => Promise<BenchModule>> = Object.fromEntries(
  AREAS.map((area) => [area, () => import(new URL(`./${area}.ts`, import.meta.url).href) as Promise<BenchModule>]),
);

const only = process.argv.slice(2);
const goals: Goal[] = [];
for (const [name, load] of Object.entries(modules)) {
  if (only.length && !only.includes(name)) continue;
  let mod: BenchModule;
  try {
    mod = await load();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') continue;
    throw err;
  }
  process.stdout.write(`running ${name} …\n`);
  goals.push(...(await mod.run()));
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
console.log('\n' + ['met', 'name', 'value', 'baseline', 'goal'].join('\t'));
for (const g of goals) {
  console.log([g.met ? 'yes' : 'NO', g.name, `${fmt(g.value)} ${g.unit}${g.spread ? ` (${g.spread})` : ''}`, g.baseline === undefined ? '' : fmt(g.baseline), g.goal].join('\t'));
}
const out = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(out, JSON.stringify(goals, null, 2) + '\n');
console.log(`\n${goals.filter((g) => g.met).length}/${goals.length} goals met — written to bench/results.json`);
