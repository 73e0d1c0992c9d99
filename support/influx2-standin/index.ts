// A STAND-IN for an InfluxDB 2.x OSS server, not InfluxDB: a real node:http server on a free loopback port
// that implements only what the influx_v2.x adapter uses, following the 2.7 OpenAPI contract and 2.x source:
// token auth (401 `unauthorized access`), one org, buckets (paging, name rules, 422 conflict), line-protocol
// writes (gzip too), schema.measurements() queries, predicate deletes, legacy authorizations, /health, /ping, /metrics.
// Anything else gets what the real server sends for an unknown route: 404 (or 405 for a wrong method).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Req, Res, Route } from './http.ts';
import { bucketRoutes } from './routes-buckets.ts';
import { dataRoutes } from './routes-data.ts';
import { legacyRoutes } from './routes-legacy.ts';
import { InfluxApiError, StandinState } from './state.ts';

export interface StandinOptions {
  token?: string;
  org?: string;
  /** false = started with --metrics-disabled. */
  metrics?: boolean;
}

export interface Influx2Standin {
  url: string;
  token: string;
  org: string;
  orgID: string;
  state: StandinState;
  /** Every request seen, in order (method, path and query string), for assertions about the adapter. */
  requests: { method: string; path: string; query: URLSearchParams }[];
  /**
   * The next `times` requests to `path` get this answer instead of being handled, as a real server that is
   * overloaded (429 with Retry-After) or starting up (503) would send it.
   */
  failNext(path: string, status: 429 | 503 | 400, times?: number): void;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

function send(res: ServerResponse, out: Res): void {
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  if (out.text) {
    res.writeHead(out.status, { 'Content-Type': out.text.contentType }).end(out.text.data);
  } else if (out.body !== undefined) {
    res.writeHead(out.status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(out.body));
  } else {
    res.writeHead(out.status).end();
  }
}

/** 2.x takes gzip bodies (the JS client gzips writes past 1,000 bytes), as `Content-Encoding: gzip` says. */
function bodyText(req: IncomingMessage, raw: Buffer): string {
  if (req.headers['content-encoding'] !== 'gzip') return raw.toString('utf8');
  try {
    return gunzipSync(raw).toString('utf8');
  } catch {
    throw new InfluxApiError('invalid', 'unable to decode gzipped body');
  }
}

const errorRes = (err: InfluxApiError): Res => ({ status: err.status, body: { code: err.code, message: err.message } });

/** What InfluxDB 2.x sends for these statuses (its `too many requests`, `unavailable` and `invalid` codes). */
const FAULTS: Record<429 | 503 | 400, Res> = {
  429: { status: 429, headers: { 'Retry-After': '1' }, body: { code: 'too many requests', message: 'write limit reached' } },
  503: { status: 503, body: { code: 'unavailable', message: 'server is starting up' } },
  400: { status: 400, body: { code: 'invalid', message: 'unable to parse points' } },
};

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^(Token|Bearer) (.+)$/.exec(header);
  return m?.[2] === token;
}

export async function startInflux2Standin(options: StandinOptions = {}): Promise<Influx2Standin> {
  const token = options.token ?? 'standin-operator-token-0123456789';
  const state = new StandinState(options.org ?? 'standin-org');
  const routes: Route[] = [...dataRoutes(options.metrics ?? true), ...bucketRoutes, ...legacyRoutes];
  const requests: Influx2Standin['requests'] = [];
  const faults = new Map<string, Res[]>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname, query: url.searchParams });
      const fault = faults.get(url.pathname)?.shift();
      if (fault) return send(res, fault);
      const matching = routes.filter((r) => r.pattern.test(url.pathname));
      if (matching.length === 0) return send(res, errorRes(new InfluxApiError('not found', 'path not found')));
      const route = matching.find((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'));
      if (!route) {
        const allow = matching.map((r) => r.method).join(', ');
        return send(res, { status: 405, body: { code: 'method not allowed', message: `allow: ${allow}` } });
      }
      if (size > MAX_BODY) return send(res, { status: 413, body: { code: 'request too large', message: 'request too large' } });
      if (route.auth && !authorized(req, token)) {
        return send(res, errorRes(new InfluxApiError('unauthorized', 'unauthorized access')));
      }
      try {
        const r: Req = {
          method,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: bodyText(req, Buffer.concat(chunks)),
          params: (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p)),
        };
        send(res, route.handler(state, r));
      } catch (err) {
        if (err instanceof InfluxApiError) return send(res, errorRes(err));
        send(res, { status: 500, body: { code: 'internal error', message: String(err) } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    org: state.org.name,
    orgID: state.org.id,
    state,
    requests,
    failNext(path, status, times = 1) {
      faults.set(path, [...(faults.get(path) ?? []), ...Array.from({ length: times }, () => FAULTS[status])]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
