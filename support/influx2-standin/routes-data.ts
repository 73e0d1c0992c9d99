// Stand-in for InfluxDB 2.x: /health, /ping, /metrics (storage_shard_disk_size per bucket ID), line-protocol
// /api/v2/write, the schema.measurements() subset of /api/v2/query, and /api/v2/delete with its mandatory
// RFC3339Nano range bounded like 2.x's http/delete_handler.go.
import { parseDeletePredicate, parseMeasurementsQuery, rfc3339ToNs } from './flux.ts';
import { jsonBody, resolveOrg, type Route } from './http.ts';
import { parseLineProtocol, precisionFactor } from './line-protocol.ts';
import { InfluxApiError, type StandinState } from './state.ts';

export const VERSION = 'v2.7.12';
const MIN_NS = -9223372036854775806n; // 1677-09-21T00:12:43.145224194Z
const MAX_NS = 9223372036854775806n; // 2262-04-11T23:47:16.854775806Z

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function deleteTime(value: unknown, field: 'start' | 'stop'): bigint {
  const bad = new InfluxApiError(
    'invalid',
    `invalid request; error parsing request json: invalid RFC3339Nano for field ${field}, please format your time with RFC3339Nano format, example: 2009-01-02T23:00:00Z`,
  );
  if (typeof value !== 'string') throw bad;
  let ns: bigint;
  try {
    ns = rfc3339ToNs(value);
  } catch {
    throw bad;
  }
  if (ns < MIN_NS || ns > MAX_NS) {
    throw new InfluxApiError(
      'invalid',
      `invalid request; error parsing request json: ${field} is outside the range 1677-09-21T00:12:43.145224194Z to 2262-04-11T23:47:16.854775806Z`,
    );
  }
  return ns;
}

function metricsText(state: StandinState): string {
  const lines = [
    '# HELP storage_shard_disk_size Gauge of the disk size for the shard',
    '# TYPE storage_shard_disk_size gauge',
  ];
  // Like the real engine, only buckets that hold shards (data) report a size.
  for (const b of state.sortedBuckets()) {
    if (b.points.length === 0) continue;
    const bytes = b.points.reduce((n, p) => n + p.bytes, 0);
    const path = `/var/lib/influxdb2/engine/data/${b.id}/autogen/1`;
    lines.push(
      `storage_shard_disk_size{bucket="${b.id}",engine="tsm1",id="1",path="${path}",walPath="${path}"} ${bytes}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function dataRoutes(metricsEnabled: boolean): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/health$/,
      auth: false,
      handler: () => ({
        status: 200,
        body: { name: 'influxdb', message: 'ready for queries and writes', status: 'pass', checks: [], version: VERSION, commit: 'standin' },
      }),
    },
    {
      method: 'GET',
      pattern: /^\/ping$/,
      auth: false,
      handler: () => ({ status: 204, headers: { 'X-Influxdb-Version': VERSION, 'X-Influxdb-Build': 'OSS' } }),
    },
    {
      method: 'POST',
      pattern: /^\/api\/v2\/write$/,
      auth: true,
      handler(state, req) {
        resolveOrg(state, req.query);
        const factor = precisionFactor(req.query.get('precision'));
        if (factor === undefined) throw new InfluxApiError('invalid', 'invalid precision');
        const name = req.query.get('bucket');
        if (!name) throw new InfluxApiError('not found', 'bucket "" not found');
        const bucket = state.resolveBucket(name);
        if (!bucket) throw new InfluxApiError('not found', `bucket "${name}" not found`);
        let points;
        try {
          points = parseLineProtocol(req.body, factor, nowNs());
        } catch (err) {
          throw new InfluxApiError('invalid', (err as Error).message);
        }
        const lines = req.body.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
        points.forEach((p, i) => bucket.points.push({ ...p, bytes: Buffer.byteLength(lines[i] ?? '') }));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/v2\/query$/,
      auth: true,
      handler(state, req) {
        resolveOrg(state, req.query);
        const body = jsonBody(req);
        if (typeof body.query !== 'string') throw new InfluxApiError('invalid', 'query is required');
        if (body.type !== undefined && body.type !== 'flux') throw new InfluxApiError('invalid', `unknown query type ${JSON.stringify(body.type)}`);
        const now = nowNs();
        let q;
        try {
          q = parseMeasurementsQuery(body.query, now);
        } catch (err) {
          throw new InfluxApiError('invalid', `compilation failed: ${(err as Error).message}`);
        }
        const bucket = state.bucketByName(q.bucket);
        if (!bucket) {
          throw new InfluxApiError('not found', `failed to initialize execute state: could not find bucket "${q.bucket}"`);
        }
        // schema.measurements' own default is start: -30d, stop: now().
        const start = q.startNs ?? now - 30n * 86_400_000_000_000n;
        const names = new Set(bucket.points.filter((p) => p.timeNs >= start && p.timeNs < now).map((p) => p.measurement));
        const sorted = [...names].sort();
        if (sorted.length === 0) return { status: 200, text: { contentType: 'text/csv; charset=utf-8', data: '\r\n' } };
        const rows = [
          '#datatype,string,long,string',
          '#group,false,false,false',
          '#default,_result,,',
          ',result,table,_value',
          ...sorted.map((m) => `,,0,${csvCell(m)}`),
        ];
        return { status: 200, text: { contentType: 'text/csv; charset=utf-8', data: rows.join('\r\n') + '\r\n\r\n' } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/v2\/delete$/,
      auth: true,
      handler(state, req) {
        resolveOrg(state, req.query);
        const body = jsonBody(req);
        const start = deleteTime(body.start, 'start');
        const stop = deleteTime(body.stop, 'stop');
        if (start > stop) throw new InfluxApiError('invalid', 'invalid request; error parsing request json: start must not be after stop');
        const ref = req.query.get('bucketID') ?? req.query.get('bucket');
        if (!ref) throw new InfluxApiError('invalid', 'Please provide either bucketID or bucket');
        const bucket = state.resolveBucket(ref);
        if (!bucket) throw new InfluxApiError('not found', 'bucket not found');
        let terms: Record<string, string>;
        try {
          terms = parseDeletePredicate(typeof body.predicate === 'string' ? body.predicate : '');
        } catch (err) {
          throw new InfluxApiError('invalid', `invalid request; error parsing request json: ${(err as Error).message}`);
        }
        const matches = (p: (typeof bucket.points)[number]) =>
          p.timeNs >= start &&
          p.timeNs <= stop &&
          Object.entries(terms).every(([k, v]) => (k === '_measurement' ? p.measurement === v : p.tags[k] === v));
        bucket.points = bucket.points.filter((p) => !matches(p));
        return { status: 204 };
      },
    },
  ];
  if (metricsEnabled) {
    // Started with --metrics-disabled, the real server has no /metrics route at all.
    routes.push({
      method: 'GET',
      pattern: /^\/metrics$/,
      auth: false,
      handler: (state) => ({ status: 200, text: { contentType: 'text/plain; version=0.0.4; charset=utf-8', data: metricsText(state) } }),
    });
  }
  return routes;
}
