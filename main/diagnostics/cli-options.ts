// The command line of `cxone-agent-tray`: node:util parseArgs for the syntax, zod for the values.
// Every usage error is a sentence that names the flag, so a script author knows what to fix.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_API_VERSION } from '../cxone/discovery';
import { checkRedirectUri, checkServiceUrl } from '../net/url-policy';
import { parseServerTime } from '../cxone/server-time';

export type Command = 'doctor' | 'watch' | 'help';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  'access-token': { type: 'string' },
  'id-token': { type: 'string' },
  issuer: { type: 'string' },
  'api-endpoint': { type: 'string' },
  'api-version': { type: 'string' },
  'agent-id': { type: 'string' },
  'updated-since': { type: 'string' },
  fields: { type: 'string' },
  top: { type: 'string' },
  skip: { type: 'string' },
  json: { type: 'boolean' },
  'sign-in': { type: 'boolean' },
  'client-id': { type: 'string' },
  'redirect-uri': { type: 'string' },
  'no-browser': { type: 'boolean' },
  demo: { type: 'boolean' },
  interval: { type: 'string' },
  polls: { type: 'string' },
  queues: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Every flag the command line accepts, without its dashes: what --help must list, and nothing else. */
export const OPTION_NAMES = Object.keys(OPTIONS) as readonly OptionName[];

const COMMON: OptionName[] = ['access-token', 'id-token', 'issuer', 'api-endpoint', 'api-version', 'agent-id', 'json', 'sign-in', 'client-id', 'redirect-uri', 'no-browser', 'demo', 'help', 'version'];
const ALLOWED: Record<Exclude<Command, 'help'>, ReadonlySet<OptionName>> = {
  doctor: new Set<OptionName>([...COMMON, 'updated-since', 'fields', 'top', 'skip']),
  watch: new Set<OptionName>([...COMMON, 'fields', 'interval', 'polls', 'queues']),
};

const UUID = /^(user:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function url(what: string) {
  // Trimmed before the check, so the value handed on is the one checked (watch builds its URLs from it).
  return z.string().trim().superRefine((v, ctx) => {
    const c = checkServiceUrl(v, what);
    if (!c.ok) ctx.addIssue({ code: 'custom', message: c.reason });
  });
}

const intFrom = (min: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min, `must be at least ${min} (${what})`);

/** The option values, checked. Keys are the flag names, so an issue's path names the flag. */
const optionsSchema = z.object({
  'access-token': z.string().trim().min(1, 'is empty').regex(/^\S+$/, 'contains spaces (pass the token alone, without "Bearer")').optional(),
  'id-token': z.string().trim().min(1, 'is empty').regex(/^\S+$/, 'contains spaces').optional(),
  issuer: url('issuer').optional(),
  'api-endpoint': url('API endpoint').optional(),
  'api-version': z.string().regex(/^v\d+(\.\d+)?$/, 'must look like v34.0').default(DEFAULT_API_VERSION),
  'agent-id': z.string().trim().refine((v) => /^\d+$/.test(v) || UUID.test(v), 'must be a numeric agent id or a user UUID').optional(),
  'updated-since': z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO 8601 date-time, e.g. 2025-01-15T14:05:02.317Z')
    .refine((v) => parseServerTime(v) !== undefined, 'is not a real date')
    .optional(),
  fields: z
    .string()
    .transform((v) => v.split(',').map((f) => f.trim()).filter(Boolean))
    .refine((l) => l.length > 0, 'needs at least one property name')
    .refine((l) => l.every((f) => /^[A-Za-z][A-Za-z0-9_]*$/.test(f)), 'must be a comma-separated list of property names')
    .optional(),
  top: intFrom(1, 'page size').optional(),
  skip: intFrom(0, 'items to skip').optional(),
  json: z.boolean().default(false),
  'sign-in': z.boolean().default(false),
  'client-id': z.string().trim().min(1, 'is empty').optional(),
  'redirect-uri': z
    .string()
    .superRefine((v, ctx) => {
      const r = checkRedirectUri(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
    })
    .optional(),
  'no-browser': z.boolean().default(false),
  demo: z.boolean().default(false),
  interval: z.string().regex(/^\d+(\.\d+)?$/, 'must be a number of seconds').transform(Number).refine((n) => n >= 5, 'must be at least 5 seconds').optional(),
  polls: intFrom(1, 'number of polls').optional(),
  queues: z.boolean().default(false),
  help: z.boolean().default(false),
  version: z.boolean().default(false),
});

export type CliOptions = z.infer<typeof optionsSchema>;

export interface ParsedCommandLine {
  command: Command;
  options: CliOptions;
}

/**
 * Edits (a letter added, dropped, changed, or two neighbours swapped) from `a` to `b`; stops counting
 * past `max` (returns max + 1).
 */
function editsBetween(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // d[i][j]: edits from a's first i letters to b's first j.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + change);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return Math.min(d[a.length]![b.length]!, max + 1);
}

/**
 * " Did you mean --agent-id?" when an unknown flag is the start of exactly one known flag, or one
 * known flag is its start (--agent, --intervals, --fields-list); else when exactly one known flag is
 * the nearest within a typo or two (--intervl, --agnet-id, --acess-token: one for a name of up to five
 * letters, two from six); else nothing.
 */
function meantFlag(flag: string): string {
  const name = flag.replace(/^-+/, '').toLowerCase();
  if (name.length < 3) return '';
  const near = OPTION_NAMES.filter((o) => o.startsWith(name) || name.startsWith(o));
  if (near.length > 0) return near.length === 1 ? ` Did you mean --${near[0]}?` : '';
  const max = name.length >= 6 ? 2 : 1;
  const scored = OPTION_NAMES.map((o) => ({ o, edits: editsBetween(name, o, max) })).filter((x) => x.edits <= max);
  const fewest = Math.min(...scored.map((x) => x.edits));
  const nearest = scored.filter((x) => x.edits === fewest);
  return nearest.length === 1 ? ` Did you mean --${nearest[0]!.o}?` : '';
}

/** Node's parseArgs messages mention the flag in quotes; restate them plainly. */
function usageFromParseError(err: unknown): UsageError {
  const e = err as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' <]+)/.exec(e.message ?? '')?.[1] ?? 'an option';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`Unknown option ${flag}.${meantFlag(flag)}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take/.test(e.message ?? '')) return new UsageError(`${flag} does not take a value.`);
      // "--skip -1": a value that starts with a dash reads as the next flag unless joined with "=".
      if (/ambiguous/.test(e.message ?? '')) return new UsageError(`${flag} needs a value; one that starts with a dash is written ${flag}=<value>.`);
      return new UsageError(`${flag} needs a value.`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`Unexpected argument: ${e.message ?? ''}`);
    default:
      return new UsageError(e.message ?? 'The command line could not be read.');
  }
}

export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageFromParseError(err);
  }
  const [first, ...extra] = parsed.positionals;
  const command: Command = first === undefined || first === 'help' ? 'help' : first === 'doctor' || first === 'watch' ? first : (() => {
    throw new UsageError(`Unknown command "${first}": use doctor or watch (see --help).`);
  })();
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}" (values go after their flag, e.g. --agent-id 40112233).`);

  if (command !== 'help') {
    for (const name of Object.keys(parsed.values) as OptionName[]) {
      if (!ALLOWED[command].has(name)) throw new UsageError(`--${name} is not an option of ${command}.`);
    }
  }

  const raw: Record<string, unknown> = { ...parsed.values };
  // The token may come from the environment, so it never has to appear in a process list; a sign-in or
  // the demo tenant reads none, so one exported for other runs is not checked (or carried) then.
  if (raw['access-token'] === undefined && env.CXONE_ACCESS_TOKEN && !raw['sign-in'] && !raw.demo) raw['access-token'] = env.CXONE_ACCESS_TOKEN;
  const checked = optionsSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const flag = String(issue.path[0] ?? 'an option');
    // The URL checks already say a whole sentence about the URL; the others say what is wrong with the value.
    const fromEnv = flag === 'access-token' && parsed.values['access-token'] === undefined ? ' (from CXONE_ACCESS_TOKEN)' : '';
    throw new UsageError(/^The /.test(issue.message) ? `--${flag}: ${issue.message}` : `--${flag}${fromEnv} ${issue.message}.`);
  }
  const options = checked.data;
  if (options['sign-in'] && !options['client-id']) throw new UsageError('--sign-in needs --client-id <id> (the client id of your CXone app registration).');
  if (!options['sign-in'] && (options['client-id'] || options['redirect-uri'] || options['no-browser'])) {
    const flag = options['client-id'] ? 'client-id' : options['redirect-uri'] ? 'redirect-uri' : 'no-browser';
    throw new UsageError(`--${flag} only applies with --sign-in.`);
  }
  if (options.queues && options['agent-id']) throw new UsageError('--agent-id does not apply with --queues: watch --queues streams skill queues, not agents.');
  if (options['sign-in'] && options.demo) throw new UsageError('--sign-in and --demo cannot be combined: the demo tenant needs no sign-in.');
  if (options['sign-in'] && parsed.values['access-token']) throw new UsageError('--access-token and --sign-in cannot be combined: choose one source of the token.');
  return { command, options };
}

/** The exact token strings this command line carries, for output redaction. */
export function tokensOf(options: CliOptions): string[] {
  return [options['access-token'], options['id-token']].filter((t): t is string => !!t);
}

export const USAGE = `cxone-agent-tray — NICE CXone agent states from a terminal

Usage:
  cxone-agent-tray doctor [options]   explain why GET agents/states is empty (or confirm it is not)
  cxone-agent-tray watch  [options]   stream agent state changes (one line per change)
  cxone-agent-tray watch --queues     stream skill queue changes instead (waiting, longest wait, service level)
  cxone-agent-tray --help | --version

Token and tenant:
  --access-token <jwt>      the bearer token your code uses (or env CXONE_ACCESS_TOKEN)
  --id-token <jwt>          the id_token of the same sign-in (supplies iss, tenantId, icAgentId)
  --issuer <url>            issuer for API discovery (overrides the token's iss)
  --api-endpoint <url>      API host, e.g. https://api-na1.niceincontact.com (skips the need for discovery)
  --api-version <v>         default ${DEFAULT_API_VERSION}
  --sign-in --client-id <id> [--redirect-uri <uri>] [--no-browser]
                            sign in like the app (loopback PKCE); prints the URL to open on stderr
  --demo                    use a built-in simulated tenant (no account needed)

doctor:
  --agent-id <id>           numeric agent id (icAgentId) or user UUID; default: the id token's icAgentId
  --updated-since <iso>     reproduce your delta query (agents/states?updatedSince=…)
  --fields <a,b,c>          reproduce your fields projection
  --top <n> --skip <n>      reproduce your paging
  --json                    one JSON object on stdout: {"ok","findings":[…],"agent"?}

watch:
  --queues                  skill queues (GET skills/activity) instead of agents
  --agent-id <id>           only this agent
  --fields <a,b,c>          ask for these properties only (agents/states, or skills/activity with --queues)
  --interval <seconds>      poll interval, at least 5 (default 10)
  --polls <n>               stop after n polls (default: until Ctrl+C)
  --json                    one JSON object per line ({"type":"change",…} for agents,
                            {"type":"queue",…} or {"type":"queue-gone",…} for queues)

Exit codes: 0 no error found (watch: ended by --polls or Ctrl+C), 1 an error finding (or watch failed),
2 usage error, 130 the doctor or a sign-in stopped by Ctrl+C.
Tokens are never printed. http is accepted only for 127.0.0.1, localhost and [::1].
`;
