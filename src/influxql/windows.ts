// GROUP BY time windows exactly as influxd 1.6 computes them (query/iterator.go IteratorOptions.Window and
// the fill iterator's stepping in iterator.gen.go): an offset, and with tz() the zone's offset at the point
// and at the window's start, so a day bucket starts at local midnight on both sides of a DST change and the
// day of the change is 23 or 25 hours long. Pure.
import { ZoneOffsets } from './tz.ts';

const NS_PER_S = 1_000_000_000n;
const HOUR = 3_600n * NS_PER_S;
const abs = (v: bigint) => (v < 0n ? -v : v);

/** A zone's UTC offsets, remembered per UTC hour (a zone changes its offset at most once within an hour). */
export class ZoneClock {
  readonly #zone: ZoneOffsets;
  readonly #hours = new Map<bigint, bigint | null>();

  constructor(zone: string) {
    this.#zone = new ZoneOffsets(zone);
  }

  #at(ns: bigint): bigint {
    const seconds = ns / NS_PER_S - (ns < 0n && ns % NS_PER_S !== 0n ? 1n : 0n);
    return BigInt(this.#zone.offsetSeconds(Number(seconds))) * NS_PER_S;
  }

  offsetNs(ns: bigint): bigint {
    let hour = ns / HOUR;
    if (ns < 0n && hour * HOUR !== ns) hour -= 1n;
    let known = this.#hours.get(hour);
    if (known === undefined) {
      const first = this.#at(hour * HOUR);
      known = first === this.#at(hour * HOUR + HOUR - 1_000_000n) ? first : null;
      this.#hours.set(hour, known);
    }
    return known ?? this.#at(ns);
  }
}

export class TimeGrid {
  readonly interval: bigint;
  readonly #offset: bigint;
  readonly #clock: ZoneClock | undefined;

  /** `offset` as influxd keeps it (a duration's remainder by the interval, sign kept); `zone` from tz(). */
  constructor(interval: bigint, offset: bigint, zone?: string) {
    this.interval = interval;
    this.#offset = offset;
    this.#clock = zone && zone !== 'UTC' ? new ZoneClock(zone) : undefined;
  }

  #zone(ns: bigint): bigint {
    return this.#clock ? this.#clock.offsetNs(ns) : 0n;
  }

  /** The start of the window holding `t`. */
  start(t: bigint): bigint {
    return this.window(t)[0];
  }

  /**
   * The window [start, end) influxd opens for a point at `t`. Its reducer then takes every following point
   * before `end` into it, so where an offset change makes the end reach past the next window's start (a 2h
   * window over a fall-back change is 3h long), the later points go into this window.
   */
  window(t: bigint): [bigint, bigint] {
    const shifted = t - this.#offset;
    const zone = this.#zone(shifted);
    let dt = (shifted + zone) % this.interval;
    if (dt < 0n) dt += this.interval;
    let start = shifted - dt;
    // The start may lie on the other side of an offset change; a change smaller than the interval moves it.
    const o = zone - this.#zone(start);
    if (o !== 0n && abs(o) < this.interval) start += o;
    let end = shifted + (this.interval - dt);
    const endZone = this.#zone(end);
    const e = zone - endZone;
    // Clocks going back add time to this window; going forward, the skipped time counts only once the change is inside it.
    if (e !== 0n && abs(e) < this.interval && (e > 0n || this.#zone(end + e) === endZone)) end += e;
    return [start + this.#offset, end + this.#offset];
  }

  /**
   * The window starts influxd's fill iterator emits from `from` to `to` (window starts; `to` undefined: until
   * `present` runs out), merged with `present`, the starts that hold points in the same order: a present
   * start is emitted where the stepping meets or passes it, an empty step is a filled row. `descending`
   * steps back from `from` (ORDER BY time DESC), which across an offset change can meet other starts.
   */
  sequence(from: bigint, to: bigint | undefined, present: readonly bigint[], descending = false): bigint[] {
    const out: bigint[] = [];
    const step = descending ? -this.interval : this.interval;
    let w = from;
    let zone = this.#zone(w);
    let i = 0;
    for (;;) {
      const p = present[i];
      if (p === undefined && (to === undefined || (descending ? w < to : w > to))) return out;
      if (p !== undefined && (descending ? p >= w : p <= w)) {
        out.push(p);
        i++;
      } else {
        out.push(w);
      }
      w += step;
      if (this.#clock) {
        const next = this.#zone(w - 1n);
        if (next !== zone) {
          if (abs(zone - next) < this.interval) w += zone - next;
          zone = next;
        }
      }
    }
  }
}
