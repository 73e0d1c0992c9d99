// One write subject in its own process: generates the batches, then writes them one after another
// (as the data plane's writer does) and prints {points, seconds, cpuSeconds, rssMb} as JSON on stdout;
// cpuSeconds is this process's user+system CPU over the timed part (serializing, HTTP, loopback TCP).
// argv[2]: JSON { mode: 'embedded'|'v1'|'direct'|'direct-serialize', db, batch, points, dataDir?, url?, username?, password?,
// createDatabases? }
import type { TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { InfluxEndpoint } from '../../src/tsdb/adapters/influx-v1/endpoint.ts';
import { InfluxHttp } from '../../src/tsdb/adapters/influx-v1/transport.ts';
import { WriteClient } from '../../src/tsdb/adapters/influx-v1/write/index.ts';
import { benchAdapter } from '../lib/adapter.ts';
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
  /** Direct modes: create the databases with CREATE DATABASE first (an admin on influxd); false when they exist. */
  createDatabases?: boolean;
}

const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const batches = makeBatches(a.points, a.batch);

interface Timed {
  seconds: number;
  cpuSeconds: number;
}

/**
 * Wall clock and this process's CPU from now until the returned function is called. Starts with a full GC
 * (the worker runs with --expose-gc): the whole run's batches were just generated and are still in V8's young
 * generation, and without it the first scavenges of the timed part would copy tens of MB of the bench's own
 * input, charged to whichever subject allocates as it writes. A data-plane writer holds one batch, not all.
 */
function startClock(): () => Timed {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('write-worker needs --expose-gc');
  gc();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpu0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
}

/**
 * Batches written before the clock into a database of their own, by every subject alike: a fresh process
 * runs the write path's JavaScript unoptimized at first, and the steady state is what the bench compares.
 */
const WARM_BATCHES = 10;
const warmDb = `${a.db}_warm`;

async function viaAdapter(adapter: TsdbAdapter): Promise<Timed> {
  for (const db of [a.db, warmDb]) {
    try {
      await adapter.createDatabase(db);
    } catch {
      // exists already (embedded bootstraps tsdata): fine
    }
  }
  for (const b of batches.slice(0, WARM_BATCHES)) await adapter.writePoints(warmDb, b);
  const t = startClock();
  for (const b of batches) await adapter.writePoints(a.db, b);
  const timed = t();
  await adapter.close();
  return timed;
}

/** serializeEach: build each body just before sending it, as a hand-written client would. */
async function direct(serializeEach: boolean): Promise<Timed> {
  // The ceiling's bodies go out through the adapter's own /write client (write/post.ts: the same keep-alive
  // HTTP/1.1 client and headers), so the ratio measures encoding and pipelining, not a difference of clients.
  const endpoint = new InfluxEndpoint({ uri: a.url ?? '', username: a.username, password: a.password, timeoutMs: 30_000 });
  const writes = new WriteClient(endpoint);
  if (a.createDatabases !== false) {
    const http = new InfluxHttp(endpoint);
    await http.exec(`CREATE DATABASE "${warmDb}"`);
    http.close();
  }
  for (const b of batches.slice(0, WARM_BATCHES)) await writes.post(warmDb, Buffer.from(toLineProtocol(b)));
  // The ceiling: bodies serialized and UTF-8 encoded before the clock starts, posted one after another.
  const bodies = serializeEach ? [] : batches.map((b) => Buffer.from(toLineProtocol(b)));
  const t = startClock();
  if (serializeEach) for (const b of batches) await writes.post(a.db, Buffer.from(toLineProtocol(b)));
  else for (const body of bodies) await writes.post(a.db, body);
  const timed = t();
  writes.close();
  return timed;
}

let r: Timed;
if (a.mode === 'direct' || a.mode === 'direct-serialize') r = await direct(a.mode === 'direct-serialize');
else r = await viaAdapter(benchAdapter(a, { timeoutMs: 30_000 }));
console.log(JSON.stringify({ points: a.points, ...r, rssMb: process.memoryUsage().rss / 2 ** 20 }));
