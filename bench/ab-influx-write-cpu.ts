// The InfluxDB 1.x /write path's CPU per point in one process (issue 13): the influx-write case's bodies
// (DeviceHub-shaped, precision ms) parsed and written into an EmbeddedAdapter, this tree against another
// checkout's src (--base), turn by turn over many rounds so load from other work falls on both alike; each
// subject reports the median of its rounds' process.cpuUsage() µs per point, split into parse and write.
//   node --max-semi-space-size=1 bench/ab-influx-write-cpu.ts [--rounds=30] [--batch=5000] [--base=/path/to/other/src]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type * as LineProtocol from '../src/influx-api/line-protocol/index.ts';
import type * as Embedded from '../src/tsdb/adapters/embedded/index.ts';
import { median } from './lib/median.ts';
import { makeBatches, toLineProtocol } from './lib/points.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, batch: { type: 'string' }, base: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 30);
const BATCH = Number(values.batch ?? 5000);
const BATCHES_PER_ROUND = 10;

interface Subject {
  name: string;
  parse: (body: Buffer) => unknown[];
  write: (db: string, points: unknown[]) => Promise<unknown>;
  parseUs: number[];
  writeUs: number[];
}

async function subject(name: string, src: string, dir: string): Promise<Subject & { adapter: { close(): Promise<void> } }> {
  const lp = (await import(join(src, 'influx-api/line-protocol/index.ts'))) as typeof LineProtocol;
  const { EmbeddedAdapter } = (await import(join(src, 'tsdb/adapters/embedded/index.ts'))) as typeof Embedded;
  const adapter = new EmbeddedAdapter({ dataDir: dir, bootstrapDatabases: [] });
  for (let r = 0; r < ROUNDS + 1; r++) await adapter.createDatabase(`db${r}`);
  const now = BigInt(Date.now()) * 1_000_000n;
  // As route-write.ts parses, with one cache for every body where the tree has one.
  const cache = 'LineCache' in lp ? new lp.LineCache() : undefined;
  return {
    name,
    adapter,
    parse: (body) => lp.parseLineProtocol(body, 'ms', now, cache).points,
    write: (db, points) => adapter.writeLinePoints(db, points as never),
    parseUs: [],
    writeUs: [],
  };
}

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const dirs: string[] = [];
const tmp = (n: string) => {
  const d = mkdtempSync(join(tmpdir(), `ab-iw-${n}-`));
  dirs.push(d);
  return d;
};
const subjects = [await subject('this tree', resolve(import.meta.dirname, '../src'), tmp('this'))];
if (values.base) subjects.push(await subject('base', resolve(values.base), tmp('base')));
// The same bodies every round, each round into fresh databases: a small heap, as the server's (whose 1 MB
// semi-space, `npm start`, makes GC a large part of a point's cost: run this with --max-semi-space-size=1).
const bodies = makeBatches(BATCH * BATCHES_PER_ROUND, BATCH).map((b) => Buffer.from(toLineProtocol(b)));
try {
  for (let round = 0; round <= ROUNDS; round++) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const s of order) {
      let parse = 0, write = 0, n = 0;
      for (let b = 0; b < BATCHES_PER_ROUND; b++) {
        const body = bodies[b]!;
        const c0 = cpuUs();
        const points = s.parse(body);
        const c1 = cpuUs();
        await s.write(`db${round}`, points);
        const c2 = cpuUs();
        parse += c1 - c0;
        write += c2 - c1;
        n += points.length;
      }
      if (round === 0) continue; // warm-up
      s.parseUs.push(parse / n);
      s.writeUs.push(write / n);
    }
  }
  for (const s of subjects) {
    const p = median(s.parseUs), w = median(s.writeUs);
    console.log(`${s.name}: parse ${p.toFixed(2)} + write ${w.toFixed(2)} = ${(p + w).toFixed(2)} CPU µs/point (median of ${ROUNDS} rounds of ${BATCHES_PER_ROUND}×${BATCH})`);
  }
  const [a, b] = subjects;
  if (a && b) {
    const ratio = (xs: number[], ys: number[]) => median(xs.map((x, i) => x / (ys[i] ?? x)));
    const total = (s: Subject) => s.parseUs.map((p, i) => p + (s.writeUs[i] ?? 0));
    const pct = (x: number) => `${((x - 1) * 100).toFixed(1)}%`;
    console.log(`this tree / base, median of per-round ratios: parse ${pct(ratio(a.parseUs, b.parseUs))}, write ${pct(ratio(a.writeUs, b.writeUs))}, total ${pct(ratio(total(a), total(b)))}`);
  }
} finally {
  for (const s of subjects) await (s as unknown as { adapter: { close(): Promise<void> } }).adapter.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
