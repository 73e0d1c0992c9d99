// The writer owns write retries and decides by the error's `retryable` alone (src/tsdb/adapter.ts): against the
// InfluxDB 2.x stand-in answering 503 or 429 once, the batch is kept and written on the writer's own retry (the
// adapter sent each attempt once); a refused batch is dropped. A table of crafted errors shows it is the flag,
// not the status, that decides.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriter } from '../../src/devicehub/writer.ts';
import { AppError } from '../../src/errors.ts';
import type { Point, TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { influxV2Vendor } from '../../src/tsdb/adapters/influx-v2/index.ts';
import { startInflux2Standin, type Influx2Standin } from '../../support/influx2-standin/index.ts';
import { memorySecrets } from '../../support/influx2-standin/memory-secrets.ts';
import { until } from '../../support/wait.ts';

const BATCH = 10;
const logger = pino({ level: 'silent' });
const points = (measurement: string): Point[] =>
  Array.from({ length: BATCH }, (_, i) => ({ measurement, tags: {}, fields: { v: i }, timestampMs: 1_700_000_000_000 + i }));

function writerFor(adapter: TsdbAdapter, database: string): BatchWriter {
  return new BatchWriter({
    targets: { unguardedTarget: () => ({ source: 'external', enabled: true, adapter, database }) },
    logger,
    batchSize: BATCH,
    flushMs: 5,
    bufferPoints: 1000,
    minBackoffMs: 1,
    maxBackoffMs: 1,
  });
}

/** Nothing in the ring and no write under way: every point added is settled in a counter. */
const idle = (w: BatchWriter) => w.stats().buffered === 0 && w.stats().inFlight === 0;

describe('BatchWriter retries against the InfluxDB 2.x stand-in', () => {
  let s: Influx2Standin;
  let adapter: TsdbAdapter;
  beforeAll(async () => {
    s = await startInflux2Standin();
    s.state.addBucket('tsdata');
    adapter = influxV2Vendor.create(
      { vendor: 'influx_v2.x', uri: s.url, token: s.token, org: s.org },
      { dataDir: '/nonexistent', timeoutMs: 5000, logger, secrets: memorySecrets() },
    );
  });
  afterAll(async () => {
    await adapter.close();
    await s.close();
  });

  const writes = () => s.requests.filter((r) => r.path === '/api/v2/write').length;
  const stored = (measurement: string) =>
    [...s.state.buckets.values()].flatMap((b) => b.points).filter((p) => p.measurement === measurement).length;

  it.each([503, 429] as const)('keeps a batch the source answered %i once and writes it on its own retry', async (status) => {
    const measurement = `retried_${status}`;
    const writer = writerFor(adapter, 'tsdata');
    const before = writes();
    s.failNext('/api/v2/write', status);
    writer.start();
    try {
      for (const p of points(measurement)) writer.add(p);
      await until(() => writer.stats().written === BATCH, 'batch written after the retry');
      expect(writer.stats()).toMatchObject({ written: BATCH, failedAttempts: 1, droppedRejected: 0, droppedOverflow: 0 });
      // Two requests in all: the failed attempt and the writer's retry; the adapter added none of its own.
      expect(writes()).toBe(before + 2);
      expect(stored(measurement)).toBe(BATCH);
    } finally {
      await writer.stop();
    }
  });

  it('drops a batch the source refused (400, not retryable) without trying it again', async () => {
    const measurement = 'refused';
    const writer = writerFor(adapter, 'tsdata');
    const before = writes();
    s.failNext('/api/v2/write', 400);
    writer.start();
    try {
      for (const p of points(measurement)) writer.add(p);
      await until(() => writer.stats().droppedRejected === BATCH && idle(writer), 'batch dropped');
      expect(writer.stats()).toMatchObject({ written: 0, failedAttempts: 0 });
      expect(writes()).toBe(before + 1);
      expect(stored(measurement)).toBe(0);
    } finally {
      await writer.stop();
    }
  });
});

describe('BatchWriter decides by the flag', () => {
  /** An adapter whose writes fail with `failure` once, then succeed; only writePoints is ever called. */
  function failingOnce(failure: Error): TsdbAdapter & { calls: number } {
    const adapter = {
      calls: 0,
      writePoints(): Promise<void> {
        adapter.calls++;
        return adapter.calls === 1 ? Promise.reject(failure) : Promise.resolve();
      },
    };
    return adapter as unknown as TsdbAdapter & { calls: number };
  }

  it.each([
    ['a retryable 502', new AppError(502, 'upstream hiccup', { retryable: true }), 'retried'],
    ['a non-retryable 502', new AppError(502, 'upstream refused', { retryable: false }), 'droppedRejected'],
    ['a retryable 400', new AppError(400, 'odd but retryable', { retryable: true }), 'retried'],
    ['a 404 (missing database)', new AppError(404, 'database not found'), 'droppedMissingDatabase'],
    ['an error nobody mapped', new Error('SQLITE_FULL'), 'retried'],
  ] as const)('%s', async (_label, failure, expected) => {
    const adapter = failingOnce(failure);
    const writer = writerFor(adapter, 'tsdata');
    writer.start();
    try {
      for (const p of points('m')) writer.add(p);
      await until(() => adapter.calls >= 1 && idle(writer), 'batch settled');
      const stats = writer.stats();
      if (expected === 'retried') {
        expect(stats).toMatchObject({ written: BATCH, failedAttempts: 1, droppedRejected: 0, droppedMissingDatabase: 0 });
        expect(adapter.calls).toBe(2);
      } else {
        expect(stats).toMatchObject({ written: 0, failedAttempts: 0, [expected]: BATCH });
        expect(adapter.calls).toBe(1);
      }
    } finally {
      await writer.stop();
    }
  });
});
