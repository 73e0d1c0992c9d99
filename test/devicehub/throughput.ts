// Quick throughput check (not a test; the bench proper lives in bench/): a publisher process sends
// DeviceHub messages to a real nats-server at a fixed rate, this process consumes them into the embedded
// engine, and we print messages/s consumed and written plus peak RSS.
// Run: node_modules/.bin/node test/devicehub/throughput.ts [total=300000] [rate=55000] [batchSize=5000] [flushMs=200]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'nats';
import pino from 'pino';
import { DataPlane } from '../../src/devicehub/data-plane.ts';
import { EmbeddedAdapter } from '../../src/tsdb/adapters/embedded/index.ts';
import { startNatsServer } from '../support/nats-server.ts';

const DEVICES = 100;
const TAGS = 10;

async function publisher(url: string, total: number, rate: number): Promise<void> {
  const nc = await connect({ servers: url });
  const ids = Array.from({ length: DEVICES }, (_, d) => `D${String(d).padStart(7, '0')}-0000-4000-8000-000000000000`);
  const sliceMs = 10;
  const perSlice = Math.max(1, Math.round((rate * sliceMs) / 1000));
  const t0 = Date.now();
  let sent = 0;
  while (sent < total) {
    const n = Math.min(perSlice, total - sent);
    for (let i = 0; i < n; i++, sent++) {
      const d = sent % DEVICES;
      const tag = Math.floor(sent / DEVICES) % TAGS;
      const round = Math.floor(sent / (DEVICES * TAGS));
      const body = `{"deviceID":"${ids[d]}","deviceName":"P1_L1_Machine${d}_1_OPC","tagName":"Tag${tag}","registerId":"4000${tag}","datatype":"float64","description":"","metadata":null,"success":true,"timestamp":${1_700_000_000_000 + round},"value":${(sent % 1000) / 10}}`;
      nc.publish(`devicehub.raw.${ids[d]}.T${tag}`, Buffer.from(body));
    }
    const due = t0 + ((sent / perSlice) * sliceMs);
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else await nc.flush();
  }
  await nc.flush();
  await nc.close();
}

async function main(): Promise<void> {
  const [, , mode, ...rest] = process.argv;
  if (mode === 'publish') return publisher(rest[0] as string, Number(rest[1]), Number(rest[2]));
  const total = Number(mode ?? 300_000);
  const rate = Number(rest[0] ?? 55_000);
  const batchSize = Number(rest[1] ?? 5000);
  const flushMs = Number(rest[2] ?? 200);
  const nats = await startNatsServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'devicehub-throughput-'));
  const adapter = new EmbeddedAdapter({ dataDir });
  let counted = 0;
  const plane = new DataPlane({
    config: {
      dataDir,
      natsUrl: nats.url,
      simulator: { devices: 0, tagsPerDevice: 1, intervalMs: 1000 },
      writer: { batchSize, flushMs, bufferPoints: 100_000 },
      demo: false,
    },
    targets: { activeTarget: () => ({ source: 'internal', enabled: true, adapter, database: 'tsdata' }) },
    natsInMsgs: { inc: (n = 1) => void (counted += n) },
    logger: pino({ level: 'warn' }),
  });
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  try {
    await plane.start();
    while (!(plane.transport as { connected?: boolean }).connected) await new Promise((r) => setTimeout(r, 20));
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'publish', nats.url, String(total), String(rate)], {
      stdio: 'inherit',
    });
    let first = 0;
    let maxBuffered = 0;
    while (plane.stats().writer.written + plane.stats().writer.droppedOverflow < total) {
      if (!first && counted > 0) first = performance.now();
      maxBuffered = Math.max(maxBuffered, plane.stats().writer.buffered);
      await new Promise((r) => setTimeout(r, 5));
      if (child.exitCode !== null && child.exitCode !== 0) throw new Error('publisher failed');
    }
    const allWritten = performance.now();
    const s = plane.stats();
    const secs = (allWritten - first) / 1000;
    console.log(
      JSON.stringify({
        offeredRate: rate,
        batchSize,
        flushMs,
        received: counted,
        written: s.writer.written,
        droppedOverflow: s.writer.droppedOverflow,
        seconds: Number(secs.toFixed(2)),
        // Sustained only when nothing was dropped and the backlog stayed small.
        msgsPerSec: Math.round(total / secs),
        maxBuffered,
        peakRssMB: Math.round(peakRss / 1048576),
      }),
    );
  } finally {
    clearInterval(rssTimer);
    await plane.stop();
    await adapter.close();
    await nats.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
