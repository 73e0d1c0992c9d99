// Case 3, writes: points/s of the same batches written (a) into the embedded engine through its adapter,
// (b) into a real influxd through the v1 adapter and (c) straight to influxd's /write as pre-serialized
// line protocol (the ceiling). Each subject runs in its own process, one batch after another.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startInfluxd } from '../../support/influxd.ts';
import { NODE } from '../lib/child.ts';
import { median } from '../lib/median.ts';
import { readCpuSeconds } from '../lib/procfs.ts';
import { writeChunkEnds, WRITES_IN_FLIGHT } from '../../src/tsdb/adapters/influx-v1/write/index.ts';
import type { BenchOptions } from '../lib/options.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';

const run = promisify(execFile);
const ROUNDS = 8;
const WORKER = new URL('../workers/write-worker.ts', import.meta.url).pathname;

interface WorkerResult {
  points: number;
  seconds: number;
  /** The writing process's CPU over its timed part. */
  cpuSeconds: number;
  rssMb: number;
  /** influxd's CPU while the worker ran (start-up included, when influxd is idle). */
  influxdCpuSeconds?: number;
}

/** The influxd serving `dir`: its command line names the config file inside that dir. */
export function pidOf(dir: string): number {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(dir)) return Number(d);
    } catch {
      // exited meanwhile
    }
  }
  throw new Error(`no influxd process for ${dir}`);
}

const perPointUs = (seconds: number | undefined, points: number) =>
  seconds === undefined ? '' : ((seconds * 1e6) / points).toFixed(2);

const cpuPerPoint = (r: WorkerResult) => perPointUs(r.cpuSeconds + (r.influxdCpuSeconds ?? 0), r.points);

/** CPU per point of the client, and of influxd when measured: where the time goes when both cores are busy. */
const cpuNote = (r: WorkerResult) =>
  `CPU µs/point: client ${perPointUs(r.cpuSeconds, r.points)}` +
  (r.influxdCpuSeconds === undefined ? '' : `, influxd ${perPointUs(r.influxdCpuSeconds, r.points)}`);

export async function writeWorker(args: Record<string, unknown>): Promise<WorkerResult> {
  const { stdout } = await run(NODE, ['--expose-gc', WORKER, JSON.stringify(args)], { maxBuffer: 1 << 20, timeout: 180_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as WorkerResult;
}

const row = (subject: string, r: WorkerResult, note: string): Row => ({
  case: 'writes',
  subject,
  throughput: r.points / r.seconds,
  unit: 'points/s',
  extra: {
    points: r.points,
    seconds: r.seconds,
    workerRssMb: r.rssMb,
    clientCpuUsPerPoint: Number(perPointUs(r.cpuSeconds, r.points)),
    ...(r.influxdCpuSeconds === undefined ? {} : { influxdCpuUsPerPoint: Number(perPointUs(r.influxdCpuSeconds, r.points)) }),
  },
  note: `${note}; ${cpuNote(r)}`,
});

export async function writesCase(o: BenchOptions): Promise<CaseResult> {
  const common = { batch: o.batch, points: o.points };
  const note = `${o.points.toLocaleString('en-US')} points, batches of ${o.batch}`;
  const warm = { batch: o.batch, points: Math.min(o.points, o.batch * 10) };
  const rows: Row[] = [];
  await writeWorker({ mode: 'embedded', db: 'tsdata', ...warm });
  const emb = await writeWorker({ mode: 'embedded', db: 'tsdata', ...common });
  rows.push(row('embedded adapter', emb, note));

  const influxd = await startInfluxd();
  try {
    const pid = pidOf(influxd.dir);
    const creds = { url: influxd.url, username: influxd.admin.username, password: influxd.admin.password };
    await influxd.query('CREATE DATABASE "warm"');
    await writeWorker({ mode: 'direct', db: 'warm', ...creds, ...warm });
    // The same subject's rate moves by up to a third between rounds of one run here (direct: 263k-420k
    // points/s), while a pure CPU loop on either vCPU stays within 3%: it is the writer and influxd sharing two
    // cores, not the host. One lucky round decides a best-over-best ratio, so the target is judged per round:
    // the adapter's rate over the ceiling's in the same round, subjects interleaved (each round into fresh
    // databases, the ceiling before the adapter in even rounds and after it in odd ones), and the median over
    // the rounds. Each subject's best round and the best-over-best ratio are reported beside it.
    const best: Record<string, WorkerResult> = {};
    const all: Record<string, number[]> = {};
    const paired: number[] = [];
    let counted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['direct', 'v1', 'direct-serialize'] : ['direct-serialize', 'v1', 'direct'];
      const rate: Record<string, number> = {};
      for (const mode of order) {
        const db = `${mode.replace('-', '_')}_${round}`;
        await influxd.query(`CREATE DATABASE "${db}"`);
        const cpu0 = readCpuSeconds(pid);
        const r = { ...(await writeWorker({ mode, db, ...creds, ...common })) };
        r.influxdCpuSeconds = readCpuSeconds(pid) - cpu0;
        rate[mode] = r.points / r.seconds;
        (all[mode] ??= []).push(Math.round(r.points / r.seconds));
        const prev = best[mode];
        if (!prev || r.seconds < prev.seconds) best[mode] = r;
        if (mode === 'v1') {
          const landed = await influxd.query('SELECT count(value) FROM /.*/', { db });
          counted = Math.min(round === 0 ? Infinity : counted, (landed[0]?.series ?? []).reduce((n, x) => n + Number(x.values?.[0]?.[1] ?? 0), 0));
        }
      }
      paired.push((rate['v1'] ?? 0) / (rate['direct'] ?? 1));
    }
    const direct = best['direct']!;
    const v1 = best['v1']!;
    const direct2 = best['direct-serialize']!;
    const rounds = (m: string) =>
      `best of ${ROUNDS} (median ${Math.round(median(all[m] ?? [])).toLocaleString('en-US')}): ${(all[m] ?? []).map((x) => x.toLocaleString('en-US')).join(' / ')}`;
    rows.push(row('influxd 1.6.7 direct /write (ceiling)', direct, `same batches, each one body serialized before the clock; ${rounds('direct')}`));
    rows.push(row('influxd 1.6.7 direct /write, serializing each batch', direct2, `same batches, each serialized (bench's serializer) then posted; ${rounds('direct-serialize')}`));
    rows.push(row('influxd 1.6.7 via v1 adapter', v1, `same batches, one writePoints call each (requests ending at lines ${writeChunkEnds(o.batch).join(', ')}, ${WRITES_IN_FLIGHT} in flight); ${rounds('v1')}; all ${counted.toLocaleString('en-US')} landed`));
    const embRate = emb.points / emb.seconds;
    const ratio = median(paired);
    const bestRatio = v1.points / v1.seconds / (direct.points / direct.seconds);
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    const targets: Target[] = [
      { target: 'embedded writes >= 100,000 points/s', measured: `${Math.round(embRate).toLocaleString('en-US')} points/s`, met: embRate >= 100_000 },
      {
        target: 'v1 adapter >= 80% of direct /write',
        measured: `${pct(ratio)} (median of ${ROUNDS} rounds)`,
        met: ratio >= 0.8 && counted === o.points,
        note: [
          counted === o.points ? '' : `only ${counted} of ${o.points} points landed; `,
          `per round: ${paired.map(pct).join(' / ')}; best round over best round: ${pct(bestRatio)}; `,
          // When other work keeps both cores busy, throughput follows total CPU per point, not the overlap.
          `CPU µs/point client+influxd: direct ${cpuPerPoint(direct)}, adapter ${cpuPerPoint(v1)}`,
        ].join(''),
      },
    ];
    return { rows, targets };
  } finally {
    await influxd.dispose();
  }
}
