// The data plane end to end: a plain NATS client publishes DeviceHub messages to a real nats-server, the
// consumer counts them and the writer lands them in the embedded engine, honouring is_enabled.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataPlane } from '../../src/devicehub/data-plane.ts';
import type { NatsTransport } from '../../src/devicehub/nats-transport.ts';
import { encodeMessage, subjectFor, type DeviceHubMessage } from '../../src/devicehub/message.ts';
import { EmbeddedAdapter } from '../../src/tsdb/adapters/embedded/index.ts';
import type { ActiveTarget } from '../../src/tsdb/active-target.ts';
import { startNatsServer, type NatsServer } from '../../support/nats-server.ts';
import { countPoints } from '../../support/embedded-probe.ts';
import { until } from '../../support/wait.ts';

const DEVICES = ['P1_L1_Machine1_1_OPC', 'P1_L1_Machine2_1_MB', 'P1_L1_Machine3_1_S7'].map((name, i) => ({
  name,
  id: `00000000-0000-4000-8000-00000000000${i}`,
}));
/** Set-up's last message: see beforeAll. */
const SENTINEL = { name: 'Setup_Sentinel', id: '00000000-0000-4000-8000-0000000000ff' };
let ts = 1_700_000_000_000;

function message(d: { name: string; id: string }, tag: number, value: number | string | boolean = tag * 1.5) {
  const msg: DeviceHubMessage = {
    deviceID: d.id,
    deviceName: d.name,
    tagName: `Tag${tag}`,
    registerId: `4000${tag}`,
    datatype: typeof value === 'number' ? 'float64' : typeof value,
    description: '',
    metadata: null,
    success: true,
    // Distinct timestamps: points of one series at one timestamp merge, as in InfluxDB.
    timestamp: ts++,
    value,
  };
  return { subject: subjectFor(d.id, `TAG-${tag}`), data: encodeMessage(msg) };
}

describe('DeviceHub data plane over a real nats-server into the embedded engine', () => {
  let nats: NatsServer;
  let dataDir: string;
  let adapter: EmbeddedAdapter;
  let target: ActiveTarget;
  let plane: DataPlane;
  let pub: NatsConnection;
  let counted = 0;
  const logLines: string[] = [];
  const measurement = (i: number) => `${DEVICES[i]?.name}.${DEVICES[i]?.id}`;

  async function publish(n: number, device = 0): Promise<void> {
    for (let i = 0; i < n; i++) {
      const m = message(DEVICES[device] as (typeof DEVICES)[number], i % 5);
      pub.publish(m.subject, m.data);
    }
    await pub.flush();
  }
  /** For probes while the server restarts: a flush that fails (DISCONNECT) just means "not yet". */
  const probe = (device: number) => publish(1, device).catch(() => undefined);

  beforeAll(async () => {
    nats = await startNatsServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'devicehub-test-'));
    adapter = new EmbeddedAdapter({ dataDir });
    target = { source: 'internal', enabled: true, adapter, database: 'tsdata' };
    plane = new DataPlane({
      config: {
        natsUrl: nats.url,
        simulator: { devices: 0, tagsPerDevice: 1, intervalMs: 1000 },
        writer: { batchSize: 500, flushMs: 20, bufferPoints: 10_000 },
      },
      targets: { unguardedTarget: () => target },
      natsInMsgs: { inc: (n = 1) => void (counted += n) },
      logger: pino(
        { level: 'warn' },
        new Writable({
          write(chunk: Buffer, _enc, done) {
            logLines.push(chunk.toString());
            done();
          },
        }),
      ),
    });
    plane.start();
    pub = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    // The consumer connects in the background: wait until a message gets through.
    await until(async () => {
      await publish(1, 2);
      return counted > 0;
    }, 'consumer connected');
    // Probes published just before the loop saw the first one counted may still be on their way, and would be
    // counted inside the first test. NATS delivers one connection's messages in order, so once a last message
    // to a device of its own is stored, every probe before it has been counted.
    const sentinel = message(SENTINEL, 0);
    pub.publish(sentinel.subject, sentinel.data);
    await pub.flush();
    await until(() => countPoints(dataDir, 'tsdata', `${SENTINEL.name}.${SENTINEL.id}`) === 1, 'sentinel written');
    await until(() => plane.stats().writer.buffered === 0 && countPoints(dataDir, 'tsdata', measurement(2)) === counted - 1, 'probes written');
  });

  afterAll(async () => {
    await pub?.close();
    await plane?.stop();
    await adapter?.close();
    await nats?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lands every published message in its device measurement and counts each exactly once', async () => {
    const before = counted;
    await publish(1200, 0);
    await publish(800, 1);
    await until(() => countPoints(dataDir, 'tsdata', measurement(0)) === 1200, 'device 0 points');
    await until(() => countPoints(dataDir, 'tsdata', measurement(1)) === 800, 'device 1 points');
    expect(counted - before).toBe(2000);
    const [tsdata] = await adapter.listDatabases();
    expect(tsdata?.measurements).toEqual(expect.arrayContaining([measurement(0), measurement(1)]));
  });

  it('survives malformed payloads: counted as received, dropped, the flow goes on', async () => {
    const before = { counted, ...plane.stats().consumer, points: countPoints(dataDir, 'tsdata', measurement(1)) };
    const enc = (s: string) => Buffer.from(s);
    const good = message(DEVICES[1] as (typeof DEVICES)[number], 1);
    pub.publish(good.subject, enc('{not json'));
    pub.publish(good.subject, enc(''));
    pub.publish(good.subject, enc(JSON.stringify({ deviceID: DEVICES[1]?.id })));
    pub.publish(subjectFor('SOMEONE-ELSE', 'T'), good.data);
    pub.publish(`${good.subject}.extra`, good.data);
    pub.publish(good.subject, new Uint8Array([0xff, 0xfe, 0x00]));
    for (let i = 0; i < 994; i++) pub.publish(good.subject, enc('garbage'));
    await publish(10, 1);
    await until(() => countPoints(dataDir, 'tsdata', measurement(1)) === before.points + 10, 'good points after bad');
    expect(counted - before.counted).toBe(1010);
    expect(plane.stats().consumer.malformed - before.malformed).toBe(1000);
    // A flood of bad payloads writes a bounded number of log lines, never the payloads themselves.
    const malformedLines = logLines.filter((l) => l.includes('malformed DeviceHub message'));
    expect(malformedLines.length).toBeGreaterThanOrEqual(1);
    expect(malformedLines.length).toBeLessThanOrEqual(2);
    expect(malformedLines.join('')).not.toContain('garbage');
  });

  it('counts but writes nothing while disabled; a deleted measurement stays gone until enabled again', async () => {
    target = { ...target, enabled: false };
    const before = { counted, discarded: plane.stats().writer.discardedDisabled, d1: countPoints(dataDir, 'tsdata', measurement(1)) };
    await adapter.dropMeasurement('tsdata', measurement(0));
    await publish(300, 0);
    await publish(200, 1);
    await until(() => plane.stats().writer.discardedDisabled - before.discarded === 500, 'points discarded');
    expect(counted - before.counted).toBe(500);
    expect(countPoints(dataDir, 'tsdata', measurement(0))).toBe(0);
    expect(countPoints(dataDir, 'tsdata', measurement(1))).toBe(before.d1);
    expect((await adapter.listDatabases())[0]?.measurements).not.toContain(measurement(0));

    target = { ...target, enabled: true };
    await publish(50, 0);
    await until(() => countPoints(dataDir, 'tsdata', measurement(0)) === 50, 'device 0 back after enable');
    expect((await adapter.listDatabases())[0]?.measurements).toContain(measurement(0));
  });

  it('recovers from a NATS server restart by itself', async () => {
    await nats.stop();
    await nats.start();
    // Both clients reconnect on their own; a sentinel device tells us when the consumer is back.
    const sentinel = countPoints(dataDir, 'tsdata', measurement(2));
    await until(async () => {
      await probe(2);
      return countPoints(dataDir, 'tsdata', measurement(2)) > sentinel;
    }, 'consumer reconnected', 30_000);
    const before = { d1: countPoints(dataDir, 'tsdata', measurement(1)) };
    await publish(400, 1);
    await until(() => countPoints(dataDir, 'tsdata', measurement(1)) === before.d1 + 400, 'points after restart');
  });
});

describe('DeviceHub data plane started while nats-server (with auth) is down', () => {
  it('connects by itself once the server comes up, without blocking start(), with credentials from the URL', async () => {
    const auth = { user: 'datahub', pass: 'p@ss w:rd' };
    const nats = await startNatsServer({ auth });
    await nats.stop();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'devicehub-late-'));
    const adapter = new EmbeddedAdapter({ dataDir });
    let counted = 0;
    const plane = new DataPlane({
      config: {
        natsUrl: nats.url.replace('//', `//${auth.user}:${encodeURIComponent(auth.pass)}@`),
        simulator: { devices: 0, tagsPerDevice: 1, intervalMs: 1000 },
        writer: { batchSize: 100, flushMs: 20, bufferPoints: 1000 },
      },
      targets: { unguardedTarget: () => ({ source: 'internal', enabled: true, adapter, database: 'tsdata' }) },
      natsInMsgs: { inc: (n = 1) => void (counted += n) },
      logger: pino({ level: 'silent' }),
    });
    try {
      plane.start();
      await nats.start();
      const pub = await connect({ servers: nats.url, ...auth });
      const d = DEVICES[0] as (typeof DEVICES)[number];
      await until(async () => {
        const m = message(d, 0);
        pub.publish(m.subject, m.data);
        await pub.flush();
        return counted > 0;
      }, 'consumer connected late', 30_000);
      await pub.close();
      await until(() => countPoints(dataDir, 'tsdata', `${d.name}.${d.id}`) === counted, 'points written');
    } finally {
      await plane.stop();
      await adapter.close();
      await nats.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('DeviceHub data plane with no NATS server at all', () => {
  it('keeps retrying in the background and still stops promptly', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'devicehub-nonats-'));
    const adapter = new EmbeddedAdapter({ dataDir });
    const lines: string[] = [];
    const { closedPort } = await import('../../support/test-app.ts');
    const plane = new DataPlane({
      config: {
        natsUrl: `nats://user:s3cret@127.0.0.1:${await closedPort()}`,
        simulator: { devices: 2, tagsPerDevice: 2, intervalMs: 50 },
        writer: { batchSize: 100, flushMs: 20, bufferPoints: 1000 },
      },
      targets: { unguardedTarget: () => ({ source: 'internal', enabled: true, adapter, database: 'tsdata' }) },
      natsInMsgs: { inc: () => undefined },
      logger: pino(
        { level: 'warn' },
        new Writable({
          write(chunk: Buffer, _enc, done) {
            lines.push(chunk.toString());
            done();
          },
        }),
      ),
    });
    try {
      plane.start();
      await until(() => (plane.transport as NatsTransport).attempts >= 4, 'repeated connect attempts');
      // Retries are logged at a bounded rate (one line per connection: consumer and simulator), and
      // never with the URL's credentials.
      expect(lines.filter((l) => l.includes('NATS connect failed'))).toHaveLength(2);
      expect(lines.join('')).not.toContain('s3cret');
      await until(() => plane.stats().simulator.unsent > 0, 'simulator ticking without a server');
    } finally {
      await plane.stop();
      await adapter.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    expect(plane.stats().consumer.received).toBe(0);
  });
});
