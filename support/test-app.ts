// Shared by the route, restart and property tests: a real app on a temp DATA_DIR (embedded engine),
// requests authenticated with a fixed admin token, and the app's log captured as text.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Config } from '../src/config.ts';
import { testConfig } from './config.ts';

export const ADMIN_TOKEN = 'route-tests-admin-token-0123456789';
export const AUTH = `Basic ${Buffer.from(`${ADMIN_TOKEN}:`).toString('base64')}`;

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  /** Everything the app logged so far (debug level), one JSON line per entry. */
  logs(): string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'datahub-routes-'));
}

/** Builds an app on dataDir (a fresh temp dir unless given); close() removes only a dir it created. */
export async function startApp(dataDir?: string, overrides: Partial<Config> = {}): Promise<TestApp> {
  const owned = dataDir === undefined;
  const dir = dataDir ?? (await tempDataDir());
  const chunks: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = testConfig({ dataDir: dir, adminToken: ADMIN_TOKEN, logLevel: 'debug', ...overrides });
  const app = await buildApp(config, { logStream });
  await app.ready();
  return {
    app,
    dataDir: dir,
    logs: () => chunks.join(''),
    request: (options) =>
      app.inject({ ...options, headers: { authorization: AUTH, ...options.headers } }),
    async close() {
      await app.close();
      if (owned) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Path segment for a name: every reserved character percent-encoded. */
export const seg = (name: string) => encodeURIComponent(name);

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A real HTTP server standing in for a broken upstream: `hang` never answers, `fail` answers 500. */
export async function brokenUpstream(mode: 'hang' | 'fail'): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => {
    if (mode === 'fail') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html>proxy error</html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const v1Source = (uri: string, extra: Record<string, unknown> = {}) => ({
  db_vendor: 'influx_v1.x',
  name: 'remote',
  db_uri: uri,
  db_username: 'admin',
  db_password: 'v1-password-never-shown',
  ...extra,
});

export function expectJsonError(res: LightMyRequestResponse, status: number): { error: string; message: string } {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  const body = res.json<{ error: string; message: string }>();
  if (typeof body.error !== 'string' || typeof body.message !== 'string') {
    throw new Error(`not a {error, message} body: ${res.body}`);
  }
  return body;
}
/** A TCP proxy in front of a real server that can be made to hang: `hang()` drops every open
 * connection and accepts new ones without ever forwarding a byte; `resume()` forwards again. */
export async function pausableProxy(target: string): Promise<{ url: string; hang(): void; resume(): void; close(): Promise<void> }> {
  const { hostname, port: targetPort } = new URL(target);
  const open = new Set<Socket>();
  let hanging = false;
  const track = (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createTcpServer((client) => {
    track(client);
    if (hanging) return;
    const upstream = connect(Number(targetPort), hostname);
    track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hang() {
      hanging = true;
      for (const s of open) s.destroy();
    },
    resume() {
      hanging = false;
      for (const s of open) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
