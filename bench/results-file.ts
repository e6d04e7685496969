// bench/results.json holds every area's latest results: `npm run bench monitor` replaces the monitor's
// and keeps the renderer's, the queues' and the rest from the run that last measured them (each area
// says when, and for which sizes). It used to be rewritten with only the areas of the last run, so a
// trial of one area erased every other figure.
import { z } from 'zod';
import type { Goal, ScalingRow } from './goal';
import type { PhaseRow } from './progress';

/** One area's results from the run that measured it last. */
export interface AreaResults {
  /** When that run finished (ISO 8601). */
  at: string;
  /** The BENCH_SIZES that run was limited to, or null for all sizes. */
  sizes: string | null;
  goals: Goal[];
  scaling: ScalingRow[];
  phases: PhaseRow[];
}

/** The file: every area's results (in the bench's order), and their union as goals/scaling/phases. */
export interface ResultsFile {
  goals: Goal[];
  scaling: ScalingRow[];
  phases: PhaseRow[];
  areas: Record<string, AreaResults>;
}

// Typed as the bench's own Goal, ScalingRow and PhaseRow, so a field added there and not here fails
// the typecheck. A number as JSON holds it: NaN (a measure that could not be taken) is written as null, read back as NaN.
const num = z.number().nullable().transform((v) => v ?? NaN);
const goalSchema: z.ZodType<Goal> = z.object({
  name: z.string(),
  value: num,
  unit: z.string(),
  goal: z.string(),
  baseline: num.optional(),
  spread: z.string().optional(),
  met: z.boolean(),
});
const scalingSchema: z.ZodType<ScalingRow> = z.object({ area: z.string(), measure: z.string(), size: z.number(), unit: z.string(), median: num, min: num, max: num, runs: z.number() });
const phaseSchema: z.ZodType<PhaseRow> = z.object({ area: z.string(), phase: z.string(), size: z.number().optional(), count: z.number(), totalS: z.number(), medianS: z.number() });
const areaSchema = z.object({
  at: z.string(),
  sizes: z.string().nullable(),
  goals: z.array(goalSchema),
  scaling: z.array(scalingSchema),
  phases: z.array(phaseSchema),
});
const fileSchema = z.object({ areas: z.record(z.string(), areaSchema) });

/**
 * The areas a previous results.json holds. A missing file (null), unreadable JSON or the old format
 * (no `areas`) hold none: `kept` is empty and `note` says why, for the bench to print.
 */
export function previousAreas(text: string | null): { kept: Record<string, AreaResults>; note: string | null } {
  if (text === null) return { kept: {}, note: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kept: {}, note: 'bench/results.json was not valid JSON; it is written anew' };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return { kept: {}, note: 'bench/results.json is not in the per-area format (an older bench wrote it?); it is written anew' };
  return { kept: parsed.data.areas, note: null };
}

/** The areas just run replace their earlier results; the others stay. `order`: the bench's area order. */
export function mergeResults(kept: Record<string, AreaResults>, ran: Record<string, AreaResults>, order: readonly string[]): ResultsFile {
  const all = { ...kept, ...ran };
  const names = [...order.filter((a) => a in all), ...Object.keys(all).filter((a) => !order.includes(a))];
  const areas: Record<string, AreaResults> = {};
  for (const a of names) areas[a] = all[a]!;
  const list = names.map((a) => areas[a]!);
  return { goals: list.flatMap((r) => r.goals), scaling: list.flatMap((r) => r.scaling), phases: list.flatMap((r) => r.phases), areas };
}
