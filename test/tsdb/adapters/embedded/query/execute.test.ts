// Differential test of the embedded engine's InfluxQL against a real influxd 1.x: the same DeviceHub-shaped
// points in both, every corpus statement run through both, the JSON compared exactly except floats, which
// may differ in the last bits (sums in another order): they are compared at 12 significant digits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devicehubPoints } from '../../../../../support/devicehub-points.ts';
import { normalise, startInfluxqlPair, type Answer, type InfluxqlPair } from '../../../../../support/influxql-pair.ts';
import { buildCorpus } from './corpus.ts';

const MINUTE_MS = 60_000;

let pair: InfluxqlPair;
let corpus: string[] = [];

beforeAll(async () => {
  // The data end a minute before the current hour, so now()-relative queries see its last hours while the
  // fixed-range queries meet the same bucket phases in every run: the data start on a whole hour. (A window
  // with too few points for percentile() made influxd 1.6.7 answer no series at all, which we do not copy.)
  const HOUR_MS = 60 * MINUTE_MS;
  const endNs = BigInt(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - MINUTE_MS) * 1_000_000n;
  pair = await startInfluxqlPair(devicehubPoints(endNs));
  const startNs = endNs - BigInt(3 * 1440 - 1) * 60_000_000_000n;
  corpus = buildCorpus(startNs, endNs);
}, 120_000);

afterAll(async () => {
  await pair?.close();
});

describe('InfluxQL on the embedded engine answers as influxd 1.x does', () => {
  it('has a corpus of at least 200 statements', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every corpus query with the same JSON', async () => {
    const mismatches: string[] = [];
    for (const q of corpus) {
      // A now()-relative query is compared only when both sides ran within one minute (data are whole minutes).
      let ours: Answer;
      let theirs: Answer;
      for (;;) {
        const before = Date.now();
        theirs = await pair.theirs(q);
        ours = await pair.ours(q, BigInt(before) * 1_000_000n);
        if (!q.includes('now()') || Math.floor(before / MINUTE_MS) === Math.floor(Date.now() / MINUTE_MS)) break;
      }
      const a = JSON.stringify(normalise(ours));
      const b = JSON.stringify(normalise(theirs));
      if (a !== b) mismatches.push(`${q}\n  influxd: ${b.slice(0, 1500)}\n  ours:    ${a.slice(0, 1500)}`);
    }
    expect(mismatches.join('\n\n'), `${mismatches.length} of ${corpus.length} differ`).toBe('');
  }, 600_000);
});
