// The data plane under load in its own process: the app's DataPlane (NATS transport, consumer, batching
// writer) over a real adapter, with a thin wrapper that records, when each batch is persisted, how old
// each point is (publish → stored lag). Driven over IPC: 'ready' out; 'finish' in; results out.
// argv[2]: JSON { natsUrl, mode: 'embedded'|'v1', db, dataDir?, url?, username?, password?, batchSize?, bufferPoints? }
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { DataPlane } from '../../src/devicehub/data-plane.ts';
import type { Point, TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { benchAdapter } from '../lib/adapter.ts';

interface Args {
  natsUrl: string;
  mode: 'embedded' | 'v1';
  db: string;
  dataDir?: string;
  url?: string;
  username?: string;
  password?: string;
  batchSize?: number;
  bufferPoints?: number;
}
const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const dataDir = a.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-flow-'));
const logger = pino({ level: 'warn' });
const inner = benchAdapter({ ...a, dataDir }, { timeoutMs: 30_000, logLevel: 'warn' });
try {
  await inner.createDatabase(a.db);
} catch {
  // tsdata is bootstrapped by the embedded engine
}

// Lag histogram in 1 ms buckets up to 120 s; the last bucket collects anything older.
const hist = new Uint32Array(120_001);
let landed = 0;
let firstIn = 0;
let lastStored = 0;
let rssPeak = 0;
const adapter: TsdbAdapter = Object.create(inner) as TsdbAdapter;
adapter.writePoints = async (db: string, points: Point[]) => {
  await inner.writePoints(db, points);
  const now = Date.now();
  for (const p of points) hist[Math.min(120_000, Math.max(0, now - p.timestampMs))]! += 1;
  landed += points.length;
  lastStored = now;
};
let received = 0;
const plane = new DataPlane({
  config: {
    natsUrl: a.natsUrl,
    simulator: { devices: 0, tagsPerDevice: 1, intervalMs: 1000 },
    writer: { batchSize: a.batchSize ?? 5000, flushMs: 200, bufferPoints: a.bufferPoints ?? 100_000 },
  },
  targets: { unguardedTarget: () => ({ source: 'internal', enabled: true, adapter, database: a.db }) },
  natsInMsgs: {
    inc: (n = 1) => {
      if (received === 0) firstIn = Date.now();
      received += n;
    },
  },
  logger,
});
plane.start();
const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);

function percentile(q: number): number {
  const target = Math.ceil(landed * q);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= target && target > 0) return i;
  }
  return NaN;
}

process.on('message', (msg: { finish?: number }) => {
  if (msg.finish === undefined) return;
  const expected = msg.finish;
  const deadline = Date.now() + 20_000;
  const check = async () => {
    const w = plane.stats().writer;
    const settled = w.buffered === 0 && landed + w.droppedOverflow + w.droppedRejected + w.droppedMissingDatabase >= received;
    if (!(settled && received >= expected) && Date.now() < deadline) {
      setTimeout(() => void check(), 50);
      return;
    }
    const stats = plane.stats();
    clearInterval(rssTimer);
    await plane.stop();
    await inner.close();
    process.send?.({ received, landed, storeSeconds: (lastStored - firstIn) / 1000, lagP50: percentile(0.5), lagP99: percentile(0.99), lagMax: percentile(1), rssPeakMb: rssPeak / 2 ** 20, writer: stats.writer, consumer: stats.consumer, cpuS: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });
    setTimeout(() => process.exit(0), 50);
  };
  void check();
});
// NATS connects in the background; give it a moment before telling the driver to start publishing.
setTimeout(() => process.send?.({ ready: true }), 1000);
