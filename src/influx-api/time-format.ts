// Result times as influxd writes them: RFC3339 with nanoseconds and trailing zeros trimmed (Go's
// time.RFC3339Nano), in UTC or in the statement's tz() zone, or whole epoch units when `epoch` is set
// (integer division of the nanoseconds, truncating toward zero as Go's does). Pure.

import type { ZoneOffsets } from '../influxql/tz.ts';

const NS_PER_S = 1_000_000_000n;

/** Divisors of the `epoch` parameter; every other non-empty value means nanoseconds (influxd 1.6). */
const EPOCH_DIVISORS: Record<string, bigint> = {
  u: 1_000n,
  ms: 1_000_000n,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
};

/** A result time: bigint units for a non-empty `epoch`, else an RFC3339 string in `zone` (UTC when undefined). */
export function formatTime(ns: bigint, epoch: string, zone?: ZoneOffsets): bigint | string {
  if (epoch !== '') return ns / (EPOCH_DIVISORS[epoch] ?? 1n);
  return rfc3339Nano(ns, zone);
}

/** Go's time.Format(time.RFC3339Nano): `2023-11-14T22:13:20.1234Z`, or `...-06:00` outside UTC. */
export function rfc3339Nano(ns: bigint, zone?: ZoneOffsets): string {
  let seconds = ns / NS_PER_S;
  let fraction = ns % NS_PER_S;
  if (fraction < 0n) {
    fraction += NS_PER_S;
    seconds -= 1n;
  }
  const offsetS = zone ? zone.offsetSeconds(Number(seconds)) : 0;
  const wall = wallClock(Number(seconds) + offsetS);
  const frac = fraction === 0n ? '' : '.' + fraction.toString().padStart(9, '0').replace(/0+$/, '');
  return wall + frac + offsetText(offsetS);
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `YYYY-MM-DDTHH:MM:SS` of epoch seconds, by integer arithmetic (days to a civil date as in H. Hinnant's
 * chrono algorithms): a result row's time is formatted per row, and a Date plus toISOString per row was
 * a tenth of the Grafana query. Years outside 0-9999 go through Date, as before.
 */
function wallClock(epochSeconds: number): string {
  const days = Math.floor(epochSeconds / 86_400);
  const secondOfDay = epochSeconds - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(epochSeconds * 1000).toISOString().slice(0, 19);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const d2 = (n: number) => TWO_DIGITS[n] as string;
  return `${d2(Math.floor(year / 100))}${d2(year % 100)}-${d2(month)}-${d2(day)}T${d2(hour)}:${d2(minute)}:${d2(secondOfDay % 60)}`;
}

function offsetText(offsetS: number): string {
  if (offsetS === 0) return 'Z';
  const sign = offsetS < 0 ? '-' : '+';
  const abs = Math.abs(offsetS);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}
