// The writer against a real influxd that goes away: points wait in the bounded buffer (oldest dropped
// first, counted), writing resumes by itself when influxd is back, and nothing beyond the buffer is lost.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataPlane } from '../../src/devicehub/data-plane.ts';
import { encodeMessage, subjectFor } from '../../src/devicehub/message.ts';
import { influxV1Vendor } from '../../src/tsdb/adapters/influx-v1/index.ts';
import type { TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { until } from '../../support/wait.ts';

const DEVICE = { name: 'P2_L1_Machine1_1_OPC', id: 'F96584F6-DD85-4B7D-9053-53C68C67D290' };
const MEASUREMENT = `${DEVICE.name}.${DEVICE.id}`;
const BUFFER = 1000;

describe('TSDB outage with a real influxd', () => {
  let influxd: Influxd;
  let dataDir: string;
  let adapter: TsdbAdapter;
  let plane: DataPlane;
  let seq = 0;

  /** Publishes n messages on the in-process bus; timestamps are 1 ms apart, so each is its own point. */
  function publish(n: number): void {
    for (let i = 0; i < n; i++, seq++) {
      const data = encodeMessage({
        deviceID: DEVICE.id,
        deviceName: DEVICE.name,
        tagName: 'Temperature',
        registerId: '40001',
        datatype: 'float64',
        description: '',
        metadata: null,
        success: true,
        timestamp: 1_700_000_000_000 + seq,
        value: seq,
      });
      plane.transport.publish(subjectFor(DEVICE.id, 'T1'), data);
    }
  }

  /** Nothing in the ring and no write attempt under way: every point added is settled in a counter. */
  function idle(): boolean {
    const w = plane.stats().writer;
    return w.buffered === 0 && w.inFlight === 0;
  }

  async function stored(): Promise<{ count: number; min: number; max: number }> {
    const [r] = await influxd.query(`SELECT count("value"), min("value"), max("value") FROM "${MEASUREMENT}"`, { db: 'tsdata' });
    const row = r?.series?.[0]?.values?.[0] ?? [0, 0, 0, 0];
    return { count: Number(row[1] ?? 0), min: Number(row[2] ?? 0), max: Number(row[3] ?? 0) };
  }

  beforeAll(async () => {
    influxd = await startInfluxd();
    dataDir = await mkdtemp(path.join(tmpdir(), 'devicehub-outage-'));
    const logger = pino({ level: 'silent' });
    adapter = influxV1Vendor.create(
      { vendor: 'influx_v1.x', uri: influxd.url, username: influxd.admin.username, password: influxd.admin.password },
      {
        dataDir,
        timeoutMs: 2000,
        logger,
        secrets: { get: () => undefined, set: async () => undefined, delete: async () => undefined },
      },
    );
    await adapter.createDatabase('tsdata');
    plane = new DataPlane({
      config: {
        natsUrl: undefined,
        simulator: { devices: 0, tagsPerDevice: 1, intervalMs: 1000 },
        writer: { batchSize: 100, flushMs: 20, bufferPoints: BUFFER },
      },
      targets: { unguardedTarget: () => ({ source: 'internal', enabled: true, adapter, database: 'tsdata' }) },
      natsInMsgs: { inc: () => undefined },
      logger,
    });
    plane.start();
  });

  afterAll(async () => {
    await plane?.stop();
    await adapter?.close();
    await influxd?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('buffers while influxd is down, drops only the oldest beyond the buffer, and resumes by itself', async () => {
    publish(300);
    // Acknowledged too, not only stored: a batch whose answer timed out after influxd applied it would
    // otherwise still sit in the ring, be retried into the outage, and could be dropped as the oldest there
    // although it is stored (delivery is at-least-once; see WriterStats.written).
    await until(
      async () => idle() && plane.stats().writer.written === 300 && (await stored()).count === 300,
      'points before the outage',
    );

    await influxd.stop();
    publish(50);
    await until(() => plane.stats().writer.failedAttempts > 0, 'a failed write');
    publish(1450); // 1500 during the outage, 1000 fit
    const during = plane.stats().writer;
    // At most one batch (100 points) is out of the ring in a write attempt, on top of the buffer.
    expect(during.droppedOverflow).toBeGreaterThanOrEqual(1500 - BUFFER - 100);
    expect(during.droppedOverflow).toBeLessThanOrEqual(1500 - BUFFER);

    await influxd.start();
    // Not just an empty ring: the last batch leaves the ring when its write starts, and is counted only once
    // influxd answers. Reading the counters in between (written 100 short of what influxd then holds) was
    // this test's flake on a loaded machine.
    await until(idle, 'buffer drained after restart', 30_000);
    const after = plane.stats().writer;
    // The writer's own books: every point published is either written or dropped as overflow.
    expect(after.written + after.droppedOverflow).toBe(1800);
    // Exact, not at-least: outage attempts cannot be ambiguous (nothing listens, the connection is refused),
    // and an ambiguous attempt after the restart goes back into a ring with room for it (nothing new arrives),
    // so it is retried and counted once; InfluxDB overwrites a re-sent point rather than storing it twice.
    const s = await stored();
    expect(s.count).toBe(1800 - after.droppedOverflow);
    expect(after.written).toBe(s.count);
    // The newest survived; what was lost is the oldest of the outage.
    expect(s.max).toBe(1799);
    const [r] = await influxd.query(`SELECT count("value") FROM "${MEASUREMENT}" WHERE "value" >= ${300 + after.droppedOverflow}`, { db: 'tsdata' });
    expect(Number(r?.series?.[0]?.values?.[0]?.[1])).toBe(1500 - after.droppedOverflow);
  });

  it('drops a batch for a missing database with a log line instead of retrying forever', async () => {
    await adapter.dropDatabase('tsdata');
    const before = plane.stats().writer;
    publish(150);
    await until(() => plane.stats().writer.droppedMissingDatabase - before.droppedMissingDatabase === 150, 'batches dropped');
    await adapter.createDatabase('tsdata');
    publish(20);
    await until(async () => (await stored()).count === 20, 'writes resume once tsdata exists again');
  });
});
