// Runs a check as if this computer were in another time zone. CI runs in UTC, where reading a time
// without a zone as local time is invisible; Node applies a new process.env.TZ at once.

/** Chatham Islands: +12:45 (+13:45 in summer) — no whole-hour offset hides a local-time reading. */
export const FAR_ZONE = 'Pacific/Chatham';

export function inTimeZone<T>(zone: string, run: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/** inTimeZone for a check that awaits: the zone holds until `run` settles (a file's tests run one at a time). */
export async function inTimeZoneAsync<T>(zone: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
