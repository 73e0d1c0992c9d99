// The Influx API under test as a real server on a free port, beside the DataHub app whose /stats/users
// manages its users, plus the same users on a real influxd, and one way to send a request to either
// and keep what the differential tests compare.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type Config } from '../../src/config.ts';
import { testConfig } from '../../support/config.ts';
import { embeddedInfluxQL, embeddedStorage } from '../../src/influx-api/embedded-port.ts';
import type { QueryLanguage } from '../../src/influx-api/engine.ts';
import { buildInfluxApi } from '../../src/influx-api/index.ts';
import { startApp, type TestApp } from '../../support/test-app.ts';
import type { Influxd } from '../../support/influxd.ts';

export interface Grant {
  database: string;
  privileges: 'READ' | 'WRITE' | 'ALL';
}

export interface InfluxApiUnderTest {
  /** http://127.0.0.1:<port> of our Influx API. */
  url: string;
  t: TestApp;
  api: FastifyInstance;
  /** What the Influx API logged so far (debug level), one JSON line per entry. */
  logs(): string;
  /** POST /stats/users (the DataHub way), expecting 204. */
  createUser(name: string, password: string, grants: Grant[]): Promise<void>;
  close(): Promise<void>;
}

export async function startInfluxApi(
  overrides: Partial<Config> = {},
  deps: { nowNs?: () => bigint; influxql?: QueryLanguage } = {},
): Promise<InfluxApiUnderTest> {
  const t = await startApp(undefined, overrides);
  const adapter = t.app.sources.embedded();
  if (!adapter) throw new Error('the test app has no embedded engine');
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const api = await buildInfluxApi(testConfig({ dataDir: t.dataDir, logLevel: 'debug', ...overrides }), {
    logStream,
    storage: embeddedStorage(adapter),
    influxql: deps.influxql ?? embeddedInfluxQL(adapter),
    ...(deps.nowNs ? { nowNs: deps.nowNs } : {}),
  });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const address = api.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    t,
    api,
    logs: () => chunks.join(''),
    async createUser(name, password, grants) {
      const res = await t.request({ method: 'POST', url: '/stats/users', payload: { name, password, grants } });
      if (res.statusCode !== 204) throw new Error(`create user ${name}: ${res.statusCode} ${res.body}`);
    },
    async close() {
      await api.close();
      await t.close();
    },
  };
}

/** The same user on influxd, created and granted as an admin would. */
export async function createInfluxdUser(influxd: Influxd, name: string, password: string, grants: Grant[]): Promise<void> {
  const pw = password.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  await influxd.query(`CREATE USER "${name}" WITH PASSWORD '${pw}'`);
  for (const g of grants) await influxd.query(`GRANT ${g.privileges} ON "${g.database}" TO "${name}"`);
}

export interface Answer {
  status: number;
  body: string;
  contentType: string | null;
  influxError: string | null;
  wwwAuthenticate: string | null;
}

export interface Request {
  method?: 'GET' | 'POST' | 'HEAD' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer | URLSearchParams;
}

/** Sends the request to `base` and keeps what influxd and we must agree on. */
export async function send(base: string, r: Request): Promise<Answer> {
  const res = await fetch(base + r.path, {
    method: r.method ?? (r.body === undefined ? 'GET' : 'POST'),
    headers: r.headers,
    body: Buffer.isBuffer(r.body) ? new Uint8Array(r.body) : r.body,
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: res.status,
    body: await res.text(),
    contentType: res.headers.get('content-type'),
    influxError: res.headers.get('x-influxdb-error'),
    wwwAuthenticate: res.headers.get('www-authenticate'),
  };
}

export const basicAuth = (u: string, p: string) => ({ authorization: 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64') });
