// The writer's target handling on the in-process bus and the embedded engine: a source or database switch
// applies to the next batch, and stop() writes what is still buffered.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataPlane } from '../../src/devicehub/data-plane.ts';
import { encodeMessage, subjectFor } from '../../src/devicehub/message.ts';
import { EmbeddedAdapter } from '../../src/tsdb/adapters/embedded/index.ts';
import type { ActiveTarget } from '../../src/tsdb/active-target.ts';
import { countPoints } from '../../support/embedded-probe.ts';
import { until } from '../../support/wait.ts';

const DEVICE = { name: 'P1_L2_Machine3_1_S7', id: '55C2503D-A9A1-4F0E-A538-EA74E98187ED' };
const MEASUREMENT = `${DEVICE.name}.${DEVICE.id}`;

describe('BatchWriter targets', () => {
  let dataDir: string;
  let adapter: EmbeddedAdapter;
  let target: ActiveTarget;
  let seq = 0;

  const plane = (flushMs: number, batchSize: number) =>
    new DataPlane({
      config: {
        natsUrl: undefined,
        simulator: { devices: 0, tagsPerDevice: 1, intervalMs: 1000 },
        writer: { batchSize, flushMs, bufferPoints: 10_000 },
      },
      targets: { unguardedTarget: () => target },
      natsInMsgs: { inc: () => undefined },
      logger: pino({ level: 'silent' }),
    });
  const publish = (p: DataPlane, n: number) => {
    for (let i = 0; i < n; i++, seq++) {
      p.transport.publish(
        subjectFor(DEVICE.id, 'T'),
        encodeMessage({
          deviceID: DEVICE.id,
          deviceName: DEVICE.name,
          tagName: 'Counter',
          registerId: '',
          datatype: 'int64',
          description: '',
          metadata: null,
          success: true,
          timestamp: 1_700_000_000_000 + seq,
          value: seq,
        }),
      );
    }
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'devicehub-writer-'));
    adapter = new EmbeddedAdapter({ dataDir });
    await adapter.createDatabase('other');
    target = { source: 'internal', enabled: true, adapter, database: 'tsdata' };
  });
  afterEach(async () => {
    await adapter.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends the next batch to the newly active database', async () => {
    const p = plane(10, 100);
    p.start();
    try {
      publish(p, 250);
      await until(() => countPoints(dataDir, 'tsdata', MEASUREMENT) === 250, 'first database');
      target = { ...target, database: 'other' };
      publish(p, 70);
      await until(() => countPoints(dataDir, 'other', MEASUREMENT) === 70, 'second database');
      expect(countPoints(dataDir, 'tsdata', MEASUREMENT)).toBe(250);
    } finally {
      await p.stop();
    }
  });

  it('writes what is still buffered when stopped', async () => {
    // Neither the flush timer (a minute) nor a full batch would write these before stop().
    const p = plane(60_000, 10_000);
    p.start();
    publish(p, 42);
    expect(p.stats().writer.buffered).toBe(42);
    await p.stop();
    expect(countPoints(dataDir, 'tsdata', MEASUREMENT)).toBe(42);
    expect(p.stats().writer).toMatchObject({ written: 42, buffered: 0, inFlight: 0 });
  });
});
