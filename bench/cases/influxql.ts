// Case 6, InfluxQL reads: Grafana's GROUP BY time(1m) mean over 24 h of one 1 Hz series, SHOW MEASUREMENTS
// and SHOW TAG VALUES over 200 measurements, on the emulator's Influx API (`npm start`'s server on
// INFLUX_PORT, as a /stats/users user with READ) and on a real influxd (auth on, its admin) with the same
// points written through each one's /write; GET /query with wrk at one connection (latency), the two servers
// in alternating rounds, judged on the median over rounds of each one's p50.
import { startInfluxd } from '../../support/influxd.ts';
import { toLineProtocol } from '../../support/devicehub-points.ts';
import type { LinePoint } from '../../src/tsdb/adapters/embedded/index.ts';
import { startEmulator } from '../lib/emulator.ts';
import { median } from '../lib/median.ts';
import { readCpuSeconds } from '../lib/procfs.ts';
import type { BenchOptions } from '../lib/options.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';
import { measure, type LoadResult } from '../lib/wrk.ts';
import { pidOf } from './writes.ts';

const S = 1_000_000_000n;
const ROUNDS = 3;
type Who = 'influxd' | 'embedded';

function dataset(endNs: bigint, measurements: number): LinePoint[] {
  const points: LinePoint[] = [];
  const tags = { tagName: 'Temperature', tagID: 't1', registerId: '40001' };
  for (let i = 0; i < 86_400; i++) {
    points.push({ measurement: 'Boiler.dev02', tags, fields: { value: 20 + Math.sin(i / 300) * 5 }, timeNs: endNs - BigInt(86_400 - i) * S });
  }
  for (let m = 0; m < measurements; m++) {
    for (let t = 0; t < 4; t++) {
      const tg = { tagName: `Tag${t}`, tagID: `t${t}`, registerId: String(40_001 + t) };
      for (let k = 0; k < 10; k++) points.push({ measurement: `Device${m}.dev${m}`, tags: tg, fields: { value: k }, timeNs: endNs - BigInt(k) * 60n * S });
    }
  }
  return points;
}

async function writeAll(base: string, credentials: URLSearchParams, points: LinePoint[]): Promise<void> {
  for (let i = 0; i < points.length; i += 10_000) {
    const res = await fetch(`${base}/write?db=tsdata&precision=ns&${credentials}`, { method: 'POST', body: toLineProtocol(points.slice(i, i + 10_000)) });
    if (res.status !== 204) throw new Error(`${base} /write ${res.status}: ${await res.text()}`);
  }
}

export async function influxqlCase(o: BenchOptions): Promise<CaseResult> {
  const endNs = (BigInt(Date.now()) / 1000n) * 1_000_000n * 1000n;
  const points = dataset(endNs, o.measurements);
  const fromMs = (endNs - 86_400n * S) / 1_000_000n;
  const queries: Record<string, string> = {
    'grafana mean 1m/24h': `SELECT mean("value") FROM "Boiler.dev02" WHERE ("tagName" = 'Temperature') AND time >= ${fromMs}ms and time <= ${endNs / 1_000_000n}ms GROUP BY time(1m) fill(null)`,
    'SHOW MEASUREMENTS': 'SHOW MEASUREMENTS',
    'SHOW TAG VALUES': 'SHOW TAG VALUES WITH KEY = "tagName"',
  };
  const profile = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.resultsDir}/profiles`] : [];
  const [influxd, emulator] = await Promise.all([startInfluxd(), startEmulator({ nodeArgs: profile })]);
  try {
    const admin = (method: string, url: string, body: object) =>
      fetch(emulator.base + url, { method, headers: { authorization: emulator.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // `tsdata` exists on a fresh emulator; the user reads and writes it, as Grafana's and the loader's login.
    const created = await admin('POST', '/stats/users', { name: 'bench-reader', password: 'bench-reader-pw', grants: [{ database: 'tsdata', privileges: 'ALL' }] });
    if (created.status !== 204) throw new Error(`POST /stats/users: ${created.status}`);
    const login: Record<Who, URLSearchParams> = {
      influxd: new URLSearchParams({ u: influxd.admin.username, p: influxd.admin.password }),
      embedded: new URLSearchParams({ u: 'bench-reader', p: 'bench-reader-pw' }),
    };
    const bases: Record<Who, string> = { influxd: influxd.url, embedded: emulator.influxBase };
    // Server CPU per request (/proc/<pid>/stat around each measured run, all threads): far steadier than
    // latency when other work shares the cores, and what latency becomes on a quiet machine.
    const pids: Record<Who, number> = { influxd: pidOf(influxd.dir), embedded: emulator.child.pid };
    await influxd.query('CREATE DATABASE tsdata');
    await Promise.all((['influxd', 'embedded'] as const).map((who) => writeAll(bases[who], login[who], points)));

    const rows: Row[] = [];
    const targets: Target[] = [];
    for (const [name, q] of Object.entries(queries)) {
      const runs: Record<Who, LoadResult[]> = { influxd: [], embedded: [] };
      const cpuMs: Record<Who, number[]> = { influxd: [], embedded: [] };
      const bodyBytes: Partial<Record<Who, number>> = {};
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['influxd', 'embedded'] as const) : (['embedded', 'influxd'] as const);
        for (const who of order) {
          const url = `${bases[who]}/query?db=tsdata&q=${encodeURIComponent(q)}&${login[who]}`;
          if (round === 0) {
            const probe = await fetch(url);
            const body = await probe.text();
            if (probe.status !== 200 || body.includes('"error"')) throw new Error(`${who} ${name}: ${probe.status} ${body.slice(0, 200)}`);
            bodyBytes[who] = Buffer.byteLength(body);
          }
          if (round === 0) await measure({ url, connections: 1, durationS: o.warmupS }, 0);
          const cpu0 = readCpuSeconds(pids[who]);
          const r = await measure({ url, connections: 1, durationS: o.durationS }, 0);
          runs[who].push(r);
          cpuMs[who].push(((readCpuSeconds(pids[who]) - cpu0) * 1000) / Math.max(1, r.requests));
        }
      }
      const p50 = (who: Who) => median(runs[who].map((r) => r.p50Ms));
      const errors = (who: Who) => runs[who].reduce((n, r) => n + r.errors, 0);
      for (const who of ['influxd', 'embedded'] as const) {
        rows.push({
          case: 'influxql',
          subject: `${who} ${name}`,
          throughput: median(runs[who].map((r) => r.rps)),
          unit: 'req/s',
          p50Ms: p50(who),
          p99Ms: median(runs[who].map((r) => r.p99Ms)),
          errors: errors(who),
          extra: { serverCpuMsPerRequest: Number(median(cpuMs[who]).toFixed(3)) },
          note:
            `${bodyBytes[who]} B body; median of ${ROUNDS} rounds, p50 per round ${runs[who].map((r) => r.p50Ms.toFixed(2)).join(' / ')} ms; ` +
            `server CPU ms/request ${cpuMs[who].map((x) => x.toFixed(2)).join(' / ')}`,
        });
      }
      const ok = errors('embedded') === 0 && errors('influxd') === 0;
      targets.push({
        target: `${name}: embedded p50 <= influxd p50 (1 connection)`,
        measured: ok ? `${p50('embedded').toFixed(2)} ms vs ${p50('influxd').toFixed(2)} ms (median of ${ROUNDS} rounds)` : '-',
        met: ok ? p50('embedded') <= p50('influxd') : undefined,
        note: `server CPU ms/request (median): embedded ${median(cpuMs.embedded).toFixed(2)}, influxd ${median(cpuMs.influxd).toFixed(2)}`,
      });
    }
    return { rows, targets };
  } finally {
    await Promise.all([influxd.dispose(), emulator.stop()]);
  }
}
