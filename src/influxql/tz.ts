// Time zones of tz('...'): the UTC offset of an IANA zone at an instant, from Intl (no tables of our own).
// One owner for both users: GROUP BY time windows (windows.ts) and result times (influx-api/time-format.ts).

/** UTC offsets of an IANA zone (tz('America/Chicago')), computed with Intl; one per statement or response. */
export class ZoneOffsets {
  readonly #format: Intl.DateTimeFormat;

  /** Throws RangeError for a zone Intl does not know. */
  constructor(zone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The zone's offset from UTC, in seconds, at `epochSeconds`. */
  offsetSeconds(epochSeconds: number): number {
    const parts = this.#format.formatToParts(new Date(epochSeconds * 1000));
    const at = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(at('year'), at('month') - 1, at('day'), at('hour'), at('minute'), at('second'));
    return Math.round(wall / 1000 - epochSeconds);
  }
}
