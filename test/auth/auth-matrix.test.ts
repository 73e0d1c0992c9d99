// The auth hook through app.inject(): every way a request can be (un)authenticated, roles, a token
// created and revoked while the app runs, CORS preflights, and no token ever reaching the log.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REALM } from '../../src/auth/hook.ts';
import { createToken, revokeToken, tokenFilePath } from '../../src/auth/token-file.ts';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { TEST_ADMIN_TOKEN, basic, eventually, tempDir } from './helpers.ts';

const ORIGIN = 'https://ui.example:8443';
let app: FastifyInstance;
let remove: () => Promise<void>;
let file: string;
let readToken: string;
let logs = '';

beforeAll(async () => {
  const tmp = await tempDir();
  remove = tmp.remove;
  file = tokenFilePath(tmp.dir);
  readToken = await createToken(file, 'viewer', 'read');
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const config = testConfig({ dataDir: tmp.dir, adminToken: TEST_ADMIN_TOKEN, corsOrigins: [ORIGIN], logLevel: 'trace' });
  app = await buildApp(config, { logStream, tokenPollMs: 50 });
  // Probe routes declared after buildApp, as every route module is: the global hook must cover them.
  app.get('/probe', async (request) => ({ who: request.identity }));
  app.post('/probe', async (request) => ({ who: request.identity }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await remove();
});

const get = (authorization?: string, url = '/probe') =>
  app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

function expect401(res: Awaited<ReturnType<typeof get>>, message: RegExp) {
  expect(res.statusCode).toBe(401);
  expect(res.headers['www-authenticate']).toMatch(new RegExp(`^Basic realm="${REALM}"`));
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json()).toEqual({ error: 'Unauthorized', message: expect.stringMatching(message) });
}

describe('unauthenticated requests', () => {
  it.each([
    ['no header', undefined, /authorization header/],
    ['a wrong token', basic('not-a-token-at-all'), /unknown or revoked/],
    ['an empty token', basic(''), /unknown or revoked/],
    ['garbage', 'Basic !!!not base64!!!', /authorization header/],
    ['another scheme', `Bearer ${TEST_ADMIN_TOKEN}`, /authorization header/],
    ['base64 without a colon', 'Basic ' + Buffer.from(TEST_ADMIN_TOKEN).toString('base64'), /authorization header/],
    ['a non-empty password', basic(TEST_ADMIN_TOKEN, 'secret'), /password must be empty/],
    ['the token as password', basic('', TEST_ADMIN_TOKEN), /password must be empty/],
  ])('%s gets 401', async (_what, header, message) => {
    expect401(await get(header), message);
  });

  it.each(['/stats/metrics', '/docs', '/docs/json', '/stats/tsdb', '/no/such/route'])(
    '%s needs auth too',
    async (url) => {
      expect401(await get(undefined, url), /authorization header/);
    },
  );
});

describe('roles', () => {
  it('admin may GET and POST, and the handler sees who it is', async () => {
    const got = await get(basic(TEST_ADMIN_TOKEN));
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ who: { name: 'env-admin', role: 'admin' } });
    const posted = await app.inject({ method: 'POST', url: '/probe', headers: { authorization: basic(TEST_ADMIN_TOKEN) } });
    expect(posted.statusCode).toBe(200);
  });

  it('read may GET and HEAD', async () => {
    expect((await get(basic(readToken))).json()).toEqual({ who: { name: 'viewer', role: 'read' } });
    const head = await app.inject({ method: 'HEAD', url: '/probe', headers: { authorization: basic(readToken) } });
    expect(head.statusCode).toBe(200);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('read gets 403 JSON on %s, even for unknown routes', async (method) => {
    for (const url of ['/probe', '/stats/tsdb/persistence/enable']) {
      const res = await app.inject({ method, url, headers: { authorization: basic(readToken) } });
      expect(res.statusCode).toBe(403);
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect(res.json()).toEqual({ error: 'Forbidden', message: expect.stringMatching(/read role/) });
    }
  });
});

describe('tokens changed while the app runs', () => {
  it('accepts a token created after start and refuses it once revoked', async () => {
    const token = await createToken(file, 'late', 'admin');
    expect(await eventually(async () => (await get(basic(token))).statusCode === 200)).toBe(true);
    await revokeToken(file, 'late');
    expect(await eventually(async () => (await get(basic(token))).statusCode === 401)).toBe(true);
    expect401(await get(basic(token)), /unknown or revoked/);
    expect((await get(basic(TEST_ADMIN_TOKEN))).statusCode).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/stats/metrics',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  it('answers a preflight from an allowed origin without credentials', async () => {
    const res = await preflight(ORIGIN);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/Authorization/i);
  });

  it('gives no CORS grant to other origins (an empty answer the browser then refuses)', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.body).toBe('');
  });

  it('refuses an OPTIONS that is not a real preflight without reaching a route', async () => {
    const res = await app.inject({ method: 'OPTIONS', url: '/stats/metrics' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds the allow-origin header to authenticated requests', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe', headers: { origin: ORIGIN, authorization: basic(readToken) } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
  });
});

describe('real routes', () => {
  it('a read token scrapes /stats/metrics; an admin token reads the OpenAPI document', async () => {
    const scrape = await get(basic(readToken), '/stats/metrics');
    expect(scrape.statusCode).toBe(200);
    expect(scrape.body).toMatch(/^# HELP node_/m);
    expect((await get(basic(TEST_ADMIN_TOKEN), '/docs/json')).statusCode).toBe(200);
  });
});

describe('CORS off (no CORS_ORIGINS)', () => {
  it('leaves preflights to auth like any other request, and grants no origin', async () => {
    const tmp = await tempDir();
    const plain = await buildApp(testConfig({ dataDir: tmp.dir, adminToken: TEST_ADMIN_TOKEN }));
    try {
      const res = await plain.inject({
        method: 'OPTIONS',
        url: '/stats/metrics',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
      await tmp.remove();
    }
  });
});

describe('logs', () => {
  it('never contain a token', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(TEST_ADMIN_TOKEN);
    expect(logs).not.toContain(readToken);
    expect(logs).not.toContain(Buffer.from(`${TEST_ADMIN_TOKEN}:`).toString('base64'));
  });
});
