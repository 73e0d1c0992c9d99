// Shared by the route, restart and property tests: a real app on a temp DATA_DIR (embedded engine),
// requests authenticated with a fixed admin token, and the app's log captured as text.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, testConfig } from '../../src/config.ts';

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
