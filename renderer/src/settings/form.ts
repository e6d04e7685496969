// The settings form's model: a draft of the whole Settings object, validated with main's own
// settingsSchema so the window and main can never disagree about what is valid.
import { settingsSchema, type Settings } from '../../../main/settings/schema';

export type Path = readonly (string | number)[];
export type FieldErrors = ReadonlyMap<string, string>;
/** How a section writes one setting of the draft (useDraft's set). */
export type SetSetting = (path: Path, value: unknown) => void;

export const pathKey = (path: Path): string => path.join('.');

/** Field path → first message. An empty map means the draft is valid. */
export function validateDraft(draft: Settings): FieldErrors {
  const result = settingsSchema.safeParse(draft, {
    // Friendlier words than zod's defaults for the one case a form produces: an empty number box.
    error: (issue) => (issue.code === 'invalid_type' && issue.expected === 'number' ? 'Enter a whole number.' : undefined),
  });
  const errors = new Map<string, string>();
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = pathKey(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    if (!errors.has(key)) errors.set(key, issue.message);
  }
  return errors;
}

/** Immutable update of one nested value. */
export function setAt<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const src = obj as Record<string | number, unknown>;
  const copy = (Array.isArray(obj) ? [...obj] : { ...src }) as Record<string | number, unknown>;
  copy[head!] = setAt(src[head!], rest, value);
  return copy as T;
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A number box's text as the draft's value: empty or non-numeric stays invalid (NaN) so the schema says so. */
export function numberFromInput(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export const AGENT_ID_PATTERN = /^(\d{1,12}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
