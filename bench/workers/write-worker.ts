// One write subject in its own process: generates the batches, then writes them one after another
// (as the data plane's writer does) and prints {points, seconds, rssMb} as JSON on stdout.
// argv[2]: JSON { mode: 'embedded'|'v1'|'direct'|'direct-serialize', db, batch, points, dataDir?, url?, username?, password? }
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { embeddedVendor } from '../../src/tsdb/adapters/embedded/index.ts';
import { influxV1Vendor } from '../../src/tsdb/adapters/influx-v1/index.ts';
import { makeBatches, toLineProtocol } from '../lib/points.ts';

interface Args {
  mode: 'embedded' | 'v1' | 'direct' | 'direct-serialize';
  db: string;
  batch: number;
  points: number;
  dataDir?: string;
  url?: string;
  username?: string;
  password?: string;
}

const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const batches = makeBatches(a.points, a.batch);
const secrets = new Map<string, string>();
const context = {
  dataDir: a.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-w-')),
  timeoutMs: 30_000,
  logger: pino({ level: 'silent' }),
  secrets: {
    get: (k: string) => secrets.get(k),
    set: async (k: string, v: string) => void secrets.set(k, v),
    delete: async (k: string) => void secrets.delete(k),
  },
};

async function viaAdapter(adapter: TsdbAdapter): Promise<number> {
  try {
    await adapter.createDatabase(a.db);
  } catch {
    // exists already (embedded bootstraps tsdata): fine
  }
  const t0 = performance.now();
  for (const b of batches) await adapter.writePoints(a.db, b);
  const ms = performance.now() - t0;
  await adapter.close();
  return ms;
}

/** serializeEach: build each body just before sending it, as a hand-written client would. */
async function direct(serializeEach: boolean): Promise<number> {
  const auth = a.username ? { authorization: `Basic ${Buffer.from(`${a.username}:${a.password ?? ''}`).toString('base64')}` } : {};
  const url = `${a.url}/write?db=${encodeURIComponent(a.db)}&precision=ms`;
  // The ceiling: bodies serialized before the clock starts, posted one after another on keep-alive.
  const bodies = serializeEach ? [] : batches.map(toLineProtocol);
  const t0 = performance.now();
  for (const body of serializeEach ? batches.map((b) => () => toLineProtocol(b)) : bodies.map((b) => () => b)) {
    const res = await fetch(url, { method: 'POST', headers: auth, body: body() });
    if (res.status !== 204) throw new Error(`direct /write ${res.status}: ${await res.text()}`);
  }
  return performance.now() - t0;
}

let ms: number;
if (a.mode === 'direct' || a.mode === 'direct-serialize') ms = await direct(a.mode === 'direct-serialize');
else if (a.mode === 'embedded') ms = await viaAdapter(embeddedVendor.create({ vendor: 'embedded', uri: '' }, context));
else ms = await viaAdapter(influxV1Vendor.create({ vendor: 'influx_v1.x', uri: a.url ?? '', username: a.username, password: a.password }, context));
console.log(JSON.stringify({ points: a.points, seconds: ms / 1000, rssMb: process.memoryUsage().rss / 2 ** 20 }));
