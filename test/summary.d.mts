// Types of test/summary.mjs (plain JavaScript, run by node in `npm test`) for its TypeScript test.
export interface RunResult {
  code: number | null;
  signal: string | null;
  output: string;
  seconds?: number;
}
export function runnerEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function runCommand(cmd: string, args: string[], opts?: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean; timeoutMs?: number }): Promise<RunResult>;
export function failureReason(output: string): string;
export interface Summary {
  totals: { passed: number; failed: number; skipped: number };
  failures: string[];
  flaky: string[];
  count(label: string, ok: boolean): void;
  addVitest(label: string, run: RunResult, reportFile: string): void;
  addPlaywright(label: string, run: RunResult, reportFile: string): void;
  closingLines(): string[];
  exitCode(): number;
}
export function createSummary(): Summary;
