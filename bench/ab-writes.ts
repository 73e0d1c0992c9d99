// The v1 write path measured in one process on a shared machine: subjects take turns batch by batch (in a
// shuffled order each round) against one influxd, so load from other work falls on all of them alike; judged on
// the median of per-round ratios. Subjects: this tree's adapter and its direct ceiling (pre-serialized bodies
// through the same WriteClient), and with --base=<src dir of another checkout> that tree's adapter beside a
// node:http keep-alive ceiling (what the write path used before write/http1-pool.ts).
//   node --expose-gc bench/ab-writes.ts [--rounds=100] [--batch=5000] [--base=/path/to/src]
import http from 'node:http';
import { parseArgs } from 'node:util';
import type { Point, TsdbAdapter, VendorEntry } from '../src/tsdb/adapter.ts';
import { InfluxEndpoint } from '../src/tsdb/adapters/influx-v1/endpoint.ts';
import { WriteClient } from '../src/tsdb/adapters/influx-v1/write/index.ts';
import { startInfluxd } from '../support/influxd.ts';
import { benchAdapter } from './lib/adapter.ts';
import { median } from './lib/median.ts';
import { makeBatches, toLineProtocol } from './lib/points.ts';
import { readCpuSeconds } from './lib/procfs.ts';
import { pidOf } from './cases/writes.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, batch: { type: 'string' }, base: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 100);
const BATCH = Number(values.batch ?? 5000);
const WARM = 10;

/** One subject: writes batch `i` into `db`. */
interface Subject {
  name: string;
  write(db: string, i: number): Promise<void>;
  close(): Promise<void>;
}

const influxd = await startInfluxd();
const pid = pidOf(influxd.dir);
const creds = { url: influxd.url, username: influxd.admin.username, password: influxd.admin.password };
const batches = makeBatches((ROUNDS + WARM) * BATCH, BATCH);
const bodies = batches.map((b) => Buffer.from(toLineProtocol(b)));

function adapterSubject(name: string, adapter: TsdbAdapter): Subject {
  return { name, write: (db, i) => adapter.writePoints(db, batches[i] as Point[]), close: () => adapter.close() };
}

/** node:http with a keep-alive agent, as transport.ts sends /query: the client the write path had before. */
function nodeHttpCeiling(): Subject {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const authorization = 'Basic ' + Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
  const post = (db: string, body: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const url = `${creds.url}/write?${new URLSearchParams({ db, precision: 'ms' }).toString()}`;
      const headers = { authorization, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length) };
      const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  return { name: 'direct, node:http', write: (db, i) => post(db, bodies[i] as Buffer), close: async () => agent.destroy() };
}

const client = new WriteClient(new InfluxEndpoint({ uri: creds.url, username: creds.username, password: creds.password, timeoutMs: 30_000 }));
const subjects: Subject[] = [
  { name: 'direct, WriteClient', write: (db, i) => client.post(db, bodies[i] as Buffer), close: async () => client.close() },
  adapterSubject('adapter, this tree', benchAdapter({ mode: 'v1', ...creds }, { timeoutMs: 30_000 })),
];
if (values.base) {
  const { influxV1Vendor } = (await import(`${values.base}/tsdb/adapters/influx-v1/index.ts`)) as { influxV1Vendor: VendorEntry };
  const context = { dataDir: '/nonexistent', timeoutMs: 30_000, logger: (await import('pino')).pino({ level: 'silent' }), secrets: { get: () => undefined, set: async () => {}, delete: async () => {} } };
  const base = influxV1Vendor.create({ vendor: 'influx_v1.x', uri: creds.url, username: creds.username, password: creds.password }, context);
  subjects.push(nodeHttpCeiling(), adapterSubject('adapter, base tree', base));
}

const dbOf = (s: number) => `ab_${s}`;
for (let s = 0; s < subjects.length; s++) {
  await influxd.query(`CREATE DATABASE "${dbOf(s)}"`);
  await influxd.query(`CREATE DATABASE "${dbOf(s)}_warm"`);
  for (let i = 0; i < WARM; i++) await subjects[s]?.write(`${dbOf(s)}_warm`, ROUNDS + i);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
gc();
const seconds: number[][] = subjects.map(() => []);
const clientCpu = subjects.map(() => 0);
/** The kernel's share of the client's CPU: loopback TCP is charged to the process that sends. */
const clientSys = subjects.map(() => 0);
const influxdCpu = subjects.map(() => 0);
// A fixed-seed shuffle per round: a subject's rate depends on what ran just before it (influxd's background
// work, the previous subject's garbage), so no subject may always follow the same one.
let seed = 12345;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
for (let r = 0; r < ROUNDS; r++) {
  const order = subjects.map((_, s) => s);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j] as number, order[k] as number];
  }
  for (const s of order) {
    const c0 = process.cpuUsage();
    const i0 = readCpuSeconds(pid);
    const t0 = performance.now();
    await subjects[s]?.write(dbOf(s), r);
    seconds[s]?.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    clientCpu[s] = (clientCpu[s] ?? 0) + (c.user + c.system) / 1e6;
    clientSys[s] = (clientSys[s] ?? 0) + c.system / 1e6;
    influxdCpu[s] = (influxdCpu[s] ?? 0) + readCpuSeconds(pid) - i0;
  }
}

const points = ROUNDS * BATCH;
const us = (x: number) => ((x * 1e6) / points).toFixed(2);
console.log(`${ROUNDS} rounds of one ${BATCH}-point batch per subject, influxd ${influxd.url}`);
for (let s = 0; s < subjects.length; s++) {
  const rate = BATCH / median(seconds[s] ?? []);
  console.log(
    `${subjects[s]?.name.padEnd(22)} median ${Math.round(rate).toLocaleString('en-US').padStart(9)} points/s; CPU µs/point client ${us(clientCpu[s] ?? 0)} (system ${us(clientSys[s] ?? 0)}), influxd ${us(influxdCpu[s] ?? 0)}`,
  );
}
const ratio = (a: number, b: number) => {
  const per = (seconds[a] ?? []).map((t, r) => (seconds[b]?.[r] ?? 0) / t);
  return `${(median(per) * 100).toFixed(1)}%`;
};
console.log(`adapter, this tree / direct, WriteClient: median of rounds ${ratio(1, 0)}`);
if (subjects.length > 2) {
  console.log(`adapter, base tree / direct, node:http:   median of rounds ${ratio(3, 2)}`);
  console.log(`adapter, this tree / adapter, base tree:  median of rounds ${ratio(1, 3)}`);
  console.log(`direct, WriteClient / direct, node:http:  median of rounds ${ratio(0, 2)}`);
}
for (const s of subjects) await s.close();
await influxd.dispose();
