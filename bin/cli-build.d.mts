// Types of bin/cli-build.mjs (plain JavaScript, shipped with the bin) for the TypeScript tests.
export const CLI_SOURCES: string[];
export function newestMtime(path: string): number;
export function isStale(root: string, built: string, sources: readonly string[]): boolean;
