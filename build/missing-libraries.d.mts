// Types for build/missing-libraries.mjs (plain JavaScript, run by `npm start` before anything is built).

/** `ldd <exe>`'s standard output, or null when there is nothing to read (no ldd, a timeout, not a dynamic executable). */
export function lddReport(exe: string): string | null;

/** The end of "Electron … needs system libraries this machine does not have: …", or null when none is missing. */
export function missingLibrariesSentence(report: string | null): string | null;
