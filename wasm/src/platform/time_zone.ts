// The device's IANA time zone (recorded with events). Intl.DateTimeFormat
// builds a locale's date formatter just to answer it: the page's first Intl
// call costs 20 ms here, 80 ms at 4x CPU throttling, one long task of the
// host's (bench/sdk/RESULTS.md). Temporal.Now.timeZoneId reads the same
// system time zone (both are SystemTimeZoneIdentifier in the spec) in
// microseconds; browsers without Temporal get the Intl answer.
interface TemporalNow { Now?: { timeZoneId?: () => string } }

export function deviceTimeZone(): string {
  const temporal = (globalThis as { Temporal?: TemporalNow }).Temporal;
  try {
    const id = temporal?.Now?.timeZoneId?.();
    if (id) return id;
  } catch {
    // A partial Temporal polyfill: the Intl answer below.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
