// Differential tests of the embedded engine's InfluxQL against a real influxd 1.6.7: one pair of servers per
// test file, started before its tests and closed after them, and the one check every such test makes.
import { afterAll, beforeAll, expect } from 'vitest';
import type { LinePoint } from '../src/tsdb/adapters/embedded/index.ts';
import { outcome, startInfluxqlPair, startProbePair, type InfluxqlPair } from './influxql-pair.ts';

export interface DifferentialFile {
  /** Both answer `q` with the same JSON; influxd's answer is `expected` ('rows', 'error', 'empty') when given. */
  expectSame: (q: string, expected?: string) => Promise<void>;
}

/** The probe's data (startProbePair) plus `extra`, or exactly `points`, loaded into both for the file's tests. */
export function differentialFile(data: { extra?: LinePoint[] } | { points: LinePoint[] } = {}): DifferentialFile {
  let pair: InfluxqlPair | undefined;
  beforeAll(async () => {
    pair = 'points' in data ? await startInfluxqlPair(data.points) : await startProbePair(data.extra);
  }, 120_000);
  afterAll(async () => {
    await pair?.close();
  });
  return {
    expectSame: async (q, expected) => {
      if (!pair) throw new Error('the influxd/embedded pair did not start');
      const { diff, theirs } = await pair.compare(q);
      expect(diff).toBe('');
      if (expected !== undefined) expect(outcome(theirs)).toBe(expected);
    },
  };
}
