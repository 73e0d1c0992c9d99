// A small measurement `mixed` beside the DeviceHub shape: float, integer, boolean and string fields and two
// tag keys (host, dc) on six series, one point an hour from a given start; deterministic. For differential
// tests that need field types and tag layouts the DeviceHub points do not have.
import type { LinePoint } from '../src/tsdb/adapters/embedded/index.ts';

const HOUR = 3_600_000_000_000n;
const MINUTE = 60_000_000_000n;

/** `hours` points from `startNs` + 7 minutes, one an hour; the host/dc pair cycles through six series. */
export function mixedPoints(startNs: bigint, hours: number): LinePoint[] {
  const points: LinePoint[] = [];
  for (let i = 0; i < hours; i++) {
    const n = BigInt(i);
    points.push({
      measurement: 'mixed',
      tags: { host: i % 2 === 0 ? 'a' : 'b', dc: ['x', 'y', 'z'][i % 3] as string },
      fields: {
        // 23 values in a scattered order: ties exist, as in real data.
        value: ((i * 7) % 23) + 0.5,
        n: { int: (n * 5n) % 11n },
        ok: i % 3 === 0,
        state: ['RUN', 'IDLE', 'FAULT', 'RUN'][i % 4] as string,
      },
      timeNs: startNs + n * HOUR + 7n * MINUTE,
    });
  }
  return points;
}
