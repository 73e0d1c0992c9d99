// Case 6, InfluxQL reads: Grafana's GROUP BY time(1m) mean over 24 h of one 1 Hz series, SHOW MEASUREMENTS
// and SHOW TAG VALUES over 200 measurements, on the embedded engine and on a real influxd with the same
// points; GET /query with wrk at one connection (latency) each, the two servers measured alternately.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedAdapter, type LinePoint } from '../../src/tsdb/adapters/embedded/index.ts';
import { startInfluxd } from '../../support/influxd.ts';
import { toLineProtocol } from '../../support/devicehub-points.ts';
import { NODE, startChild, waitForHttp } from '../lib/child.ts';
import type { BenchOptions } from '../lib/options.ts';
import { freePort } from '../lib/ports.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';
import { measure, type LoadResult } from '../lib/wrk.ts';

const PEER = new URL('../peers/influxql-http.ts', import.meta.url).pathname;
const S = 1_000_000_000n;

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

export async function influxqlCase(o: BenchOptions): Promise<CaseResult> {
  const rows: Row[] = [];
  const endNs = (BigInt(Date.now()) / 1000n) * 1_000_000n * 1000n;
  const points = dataset(endNs, o.measurements);
  const fromMs = (endNs - 86_400n * S) / 1_000_000n;
  const queries: Record<string, string> = {
    'grafana mean 1m/24h': `SELECT mean("value") FROM "Boiler.dev02" WHERE ("tagName" = 'Temperature') AND time >= ${fromMs}ms and time <= ${endNs / 1_000_000n}ms GROUP BY time(1m) fill(null)`,
    'SHOW MEASUREMENTS': 'SHOW MEASUREMENTS',
    'SHOW TAG VALUES': 'SHOW TAG VALUES WITH KEY = "tagName"',
  };

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-influxql-'));
  const influxd = await startInfluxd({ auth: false });
  const port = await freePort();
  const peer = startChild('influxql-http', NODE, [PEER, String(port), dataDir]);
  try {
    const adapter = new EmbeddedAdapter({ dataDir, backgroundCheckpoints: false });
    await adapter.writeLinePoints('tsdata', points);
    await adapter.close();
    await influxd.query('CREATE DATABASE tsdata');
    for (let i = 0; i < points.length; i += 10_000) {
      const res = await fetch(`${influxd.url}/write?db=tsdata&precision=ns`, { method: 'POST', body: toLineProtocol(points.slice(i, i + 10_000)) });
      if (res.status !== 204) throw new Error(`influxd /write ${res.status}: ${await res.text()}`);
    }
    const ours = `http://127.0.0.1:${port}`;
    await waitForHttp(peer, `${ours}/query?q=SHOW%20DATABASES`);
    const results: Record<string, Record<string, LoadResult>> = {};
    for (const [name, q] of Object.entries(queries)) {
      results[name] = {};
      for (const [subject, base] of [['influxd', influxd.url], ['embedded', ours]] as const) {
        const url = `${base}/query?db=tsdata&q=${encodeURIComponent(q)}`;
        const probe = await fetch(url);
        const body = await probe.text();
        if (probe.status !== 200 || body.includes('"error"')) throw new Error(`${subject} ${name}: ${probe.status} ${body.slice(0, 200)}`);
        const r = await measure({ url, connections: 1, durationS: o.durationS }, o.warmupS);
        results[name][subject] = r;
        rows.push({ case: 'influxql', subject: `${subject} ${name}`, throughput: r.rps, unit: 'req/s', p50Ms: r.p50Ms, p99Ms: r.p99Ms, errors: r.errors, note: `${body.length} B body` });
      }
    }
    const targets: Target[] = Object.keys(queries).map((name) => {
      const a = results[name]?.embedded;
      const b = results[name]?.influxd;
      const ok = a && b && a.errors === 0 && b.errors === 0;
      return {
        target: `${name}: embedded p50 <= influxd p50 (1 connection)`,
        measured: ok ? `${a.p50Ms.toFixed(2)} ms vs ${b.p50Ms.toFixed(2)} ms` : '-',
        met: ok ? a.p50Ms <= b.p50Ms : undefined,
      };
    });
    return { rows, targets };
  } finally {
    await peer.stop();
    await influxd.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
