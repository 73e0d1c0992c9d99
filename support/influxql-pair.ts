// A real influxd 1.x and the embedded engine holding the same points, and one call that runs a query on both
// and gives both answers as influxd's JSON: what the InfluxQL differential tests and the probe script compare.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { goJson } from '../src/influx-api/go-json.ts';
import { mergeResults, resultObject, statementResults, type NumberedResult } from '../src/influx-api/results.ts';
import { ParseError, parseQuery } from '../src/influxql/index.ts';
import { EmbeddedAdapter, type LinePoint } from '../src/tsdb/adapters/embedded/index.ts';
import { executeStatement } from '../src/tsdb/adapters/embedded/query/execute.ts';
import { devicehubPoints, toLineProtocol } from './devicehub-points.ts';
import { startInfluxd, type Influxd } from './influxd.ts';
import { mixedPoints } from './mixed-points.ts';

export interface Answer {
  status: number;
  body: unknown;
}

export interface InfluxqlPair {
  influxd: Influxd;
  adapter: EmbeddedAdapter;
  /** influxd's answer to `q` on database `db`. */
  theirs(q: string): Promise<Answer>;
  /** The embedded engine's answer as the Influx API formats it (results.ts, go-json.ts), with now() at `nowNs` (default: the wall clock). */
  ours(q: string, nowNs?: bigint): Promise<Answer>;
  /** Runs `q` on both: `diff` is '' when the answers agree (normalise), else the query and both answers. */
  compare(q: string): Promise<{ diff: string; theirs: Answer }>;
  close(): Promise<void>;
}

/**
 * Floats rounded to 12 significant digits (sums may differ in the last bits), and rows of one time within a
 * series in a canonical order: influxd merges series through a heap, so points with equal times from
 * different series come in no defined order (seen: the same query lists them differently per minute).
 */
export function normalise(v: unknown, key = ''): unknown {
  if (typeof v === 'number' && !Number.isInteger(v)) return Number(v.toPrecision(12));
  if (Array.isArray(v)) {
    const out = v.map((x) => normalise(x));
    if (key !== 'values') return out;
    const sorted: unknown[] = [];
    for (let i = 0; i < out.length; ) {
      let j = i;
      while (j < out.length && (out[j] as unknown[])[0] === (out[i] as unknown[])[0]) j++;
      sorted.push(...out.slice(i, j).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
      i = j;
    }
    return sorted;
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x, k)]));
  return v;
}

export async function startInfluxqlPair(points: LinePoint[], db = 'tsdata'): Promise<InfluxqlPair> {
  const influxd = await startInfluxd({ auth: false });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'influxql-pair-'));
  const adapter = new EmbeddedAdapter({ dataDir, backgroundCheckpoints: false });
  const close = async () => {
    await adapter.close();
    await influxd.dispose();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await influxd.query(`CREATE DATABASE "${db}"`);
    for (let i = 0; i < points.length; i += 5000) {
      const res = await fetch(`${influxd.url}/write?db=${encodeURIComponent(db)}&precision=ns`, {
        method: 'POST',
        body: toLineProtocol(points.slice(i, i + 5000)),
        signal: AbortSignal.timeout(30_000),
      });
      if (res.status !== 204) throw new Error(`influxd /write ${res.status}: ${await res.text()}`);
    }
    const written = await adapter.writeLinePoints(db, points);
    if (written.dropped !== 0) throw new Error(`the embedded engine dropped ${written.dropped} points`);
  } catch (err) {
    await close();
    throw err;
  }
  const pair: InfluxqlPair = {
    influxd,
    adapter,
    async theirs(q) {
      const res = await fetch(`${influxd.url}/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ q, db }),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, body: JSON.parse(await res.text()) };
    },
    async ours(q, nowNs = BigInt(Date.now()) * 1_000_000n) {
      let statements;
      try {
        statements = parseQuery(q);
      } catch (err) {
        if (err instanceof ParseError) return { status: 400, body: { error: err.message } };
        throw err;
      }
      const ctx = { db, nowNs, canRead: () => true, listDatabases: () => [db], storage: adapter.queryStorage() };
      const all: NumberedResult[] = [];
      for await (const r of statementResults(statements, (s) => executeStatement(s, ctx))) all.push(r);
      const results = mergeResults(all).map(({ id, result }) => resultObject(id, result, { epoch: '' }));
      return { status: 200, body: JSON.parse(goJson({ results })) as unknown };
    },
    async compare(q) {
      const answer = await pair.theirs(q);
      const theirs = JSON.stringify(normalise(answer));
      const ours = JSON.stringify(normalise(await pair.ours(q)));
      const diff = theirs === ours ? '' : `${q}\n  influxd: ${theirs.slice(0, 2000)}\n  ours:    ${ours.slice(0, 2000)}`;
      return { diff, theirs: answer };
    },
    close,
  };
  return pair;
}

const ns = (iso: string) => BigInt(Date.parse(iso)) * 1_000_000n;

/**
 * The data of the random probe (influxql-probe.ts) and the SELECT differential tests: one DeviceHub day
 * (2026-03-06, four devices) and 48 hours of `mixed` from 2026-03-06T00:07Z, all in influxd's shard group
 * of 2026-03-02..09 (7-day groups start on Mondays); `extra` points are loaded beside them.
 */
export function startProbePair(extra: LinePoint[] = []): Promise<InfluxqlPair> {
  return startInfluxqlPair([
    ...devicehubPoints(ns('2026-03-07T00:00:00Z') - 60_000_000_000n, 1),
    ...mixedPoints(ns('2026-03-06T00:00:00Z'), 48),
    ...extra,
  ]);
}

/** What influxd answered to a single statement: rows, a statement error, or nothing. */
export function outcome(a: Answer): 'rows' | 'error' | 'empty' {
  const r = (a.body as { results?: { series?: unknown[]; error?: string }[]; error?: string }).results?.[0];
  if (!r) return 'error';
  if (r.error !== undefined) return 'error';
  return r.series?.length ? 'rows' : 'empty';
}
