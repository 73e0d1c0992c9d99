// Case influx-write: /write of the same pre-serialized line-protocol bodies (DeviceHub-shaped points, precision
// ms) to a real influxd 1.6.7 and to the emulator's Influx API (`npm start`'s server on INFLUX_PORT, writing as a
// /stats/users user with WRITE), each from its own worker process over the same bare HTTP/1.1 client, rounds
// interleaved; the target (issue 13: >= 60% of influxd's points/s) is judged on the median of per-round ratios.
// Each row also gives the server's CPU µs per point (/proc/<pid>/stat around the worker, all threads), which
// moves far less than points/s on a loaded machine. --profile writes the emulator's --cpu-prof profile.
import { startInfluxd } from '../../support/influxd.ts';
import { startEmulator } from '../lib/emulator.ts';
import { median } from '../lib/median.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readCpuSeconds } from '../lib/procfs.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';
import { pidOf, writeWorker } from './writes.ts';

const ROUNDS = 4;
type Who = 'influxd' | 'ours';

export async function influxWriteCase(o: BenchOptions): Promise<CaseResult> {
  const common = { mode: 'direct', batch: o.batch, points: o.points };
  const profile = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.resultsDir}/profiles`] : [];
  const [influxd, emulator] = await Promise.all([startInfluxd(), startEmulator({ nodeArgs: profile })]);
  try {
    const admin = (method: string, url: string, body: object) =>
      fetch(emulator.base + url, { method, headers: { authorization: emulator.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const dbs = ['bench_warm', ...Array.from({ length: ROUNDS }, (_, i) => `bench_${i}`)];
    for (const db of dbs) {
      const res = await admin('POST', '/stats/db', { dbName: db });
      if (res.status !== 204) throw new Error(`POST /stats/db ${db}: ${res.status}`);
      await influxd.query(`CREATE DATABASE "${db}"`);
    }
    const grants = dbs.map((database) => ({ database, privileges: 'WRITE' }));
    const created = await admin('POST', '/stats/users', { name: 'bench-writer', password: 'bench-writer-pw', grants });
    if (created.status !== 204) throw new Error(`POST /stats/users: ${created.status}`);
    const theirs = { url: influxd.url, username: influxd.admin.username, password: influxd.admin.password, createDatabases: false };
    const ours = { url: emulator.influxBase, username: 'bench-writer', password: 'bench-writer-pw', createDatabases: false };
    // Warm-up: each worker also writes 10 batches untimed into `<db>_warm`, created here too.
    for (const db of dbs) {
      await admin('POST', '/stats/db', { dbName: `${db}_warm` });
      await admin('PUT', `/stats/users/bench-writer/grant_privileges`, { database: `${db}_warm`, privileges: 'WRITE' });
      await influxd.query(`CREATE DATABASE "${db}_warm"`);
    }
    const pids: Record<Who, number> = { influxd: pidOf(influxd.dir), ours: emulator.child.pid };
    const rates: Record<Who, number[]> = { influxd: [], ours: [] };
    // The server's CPU over the whole worker (its untimed warm-up batches included), per point written.
    const cpuUs: Record<Who, number[]> = { influxd: [], ours: [] };
    const paired: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const db = `bench_${round}`;
      const order = round % 2 === 0 ? (['influxd', 'ours'] as const) : (['ours', 'influxd'] as const);
      const rate: Record<string, number> = {};
      for (const who of order) {
        const cpu0 = readCpuSeconds(pids[who]);
        const r = await writeWorker({ ...common, db, ...(who === 'influxd' ? theirs : ours) });
        const warm = Math.min(o.points, o.batch * 10);
        cpuUs[who].push(((readCpuSeconds(pids[who]) - cpu0) * 1e6) / (r.points + warm));
        rate[who] = r.points / r.seconds;
        rates[who].push(Math.round(rate[who]));
      }
      paired.push((rate['ours'] ?? 0) / (rate['influxd'] ?? 1));
    }
    const note = (who: Who) =>
      `${o.points.toLocaleString('en-US')} points, batches of ${o.batch}, bodies serialized before the clock; rounds: ${rates[who].map((x) => x.toLocaleString('en-US')).join(' / ')}; ` +
      `server CPU µs/point: ${cpuUs[who].map((x) => x.toFixed(2)).join(' / ')}`;
    const row = (subject: string, who: Who): Row => ({
      case: 'influx-write',
      subject,
      throughput: median(rates[who]),
      unit: 'points/s',
      extra: { rounds: rates[who].join(' / '), serverCpuUsPerPoint: Number(median(cpuUs[who]).toFixed(2)) },
      note: `median of ${ROUNDS}; ${note(who)}`,
    });
    const ratio = median(paired);
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    const target: Target = {
      target: 'Influx API /write >= 60% of influxd /write',
      measured: `${pct(ratio)} (median of ${ROUNDS} paired rounds)`,
      met: ratio >= 0.6,
      note: `per round: ${paired.map(pct).join(' / ')}; server CPU µs/point (median): influxd ${median(cpuUs.influxd).toFixed(2)}, ours ${median(cpuUs.ours).toFixed(2)}`,
    };
    return { rows: [row('influxd 1.6.7 /write', 'influxd'), row('emulator Influx API /write (embedded engine)', 'ours')], targets: [target] };
  } finally {
    await Promise.all([influxd.dispose(), emulator.stop()]);
  }
}
