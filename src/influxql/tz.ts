// Time zones of tz('...'): the UTC offset of an IANA zone at an instant (Intl, no tables of our own), and
// times printed as influxd prints them, Go's RFC3339Nano (fraction without trailing zeros; Z in UTC). Pure.

/** Offset east of UTC in nanoseconds of `zone` at `ns`; 0 for UTC or ''. */
export function zoneOffsetNs(zone: string | undefined, ns: bigint): bigint {
  if (!zone || zone === 'UTC') return 0n;
  const ms = Number(ns / 1_000_000n);
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? '');
  if (!m) return 0n;
  const minutes = BigInt(Number(m[2]) * 60 + Number(m[3]));
  return (m[1] === '-' ? -minutes : minutes) * 60_000_000_000n;
}

/** Go's time.RFC3339Nano of a nanosecond time, in `zone` (UTC when absent). */
export function rfc3339Nano(ns: bigint, zone?: string): string {
  const offset = zoneOffsetNs(zone, ns);
  const local = ns + offset;
  const ms = local / 1_000_000n - (local % 1_000_000n < 0n ? 1n : 0n);
  const frac = ((local % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  const iso = new Date(Number(ms)).toISOString().slice(0, 19);
  const f = frac === 0n ? '' : `.${String(frac).padStart(9, '0').replace(/0+$/, '')}`;
  if (offset === 0n && (!zone || zone === 'UTC')) return `${iso}${f}Z`;
  const minutes = (offset < 0n ? -offset : offset) / 60_000_000_000n;
  const hh = String(minutes / 60n).padStart(2, '0');
  const mm = String(minutes % 60n).padStart(2, '0');
  return `${iso}${f}${offset < 0n ? '-' : '+'}${hh}:${mm}`;
}
