// The auth hook through app.inject(): every way a request can be (un)authenticated, roles, a token
// created and revoked while the app runs, CORS preflights, and no token ever reaching the log; then
// every documented endpoint under Basic and Bearer credentials, good and bad.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REALM } from '../../src/auth/hook.ts';
import { clientFilePath, createClient, revokeClient } from '../../src/auth/oauth/client-file.ts';
import { createToken, revokeToken, tokenFilePath } from '../../src/auth/token-file.ts';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../support/config.ts';
import { TEST_ADMIN_TOKEN, basic, tempDir } from '../../support/auth.ts';
import { bearer, mint, nowS, tamper, tokenFor } from './oauth/support.ts';
import { eventually } from '../../support/wait.ts';

const ORIGIN = 'https://ui.example:8443';
let app: FastifyInstance;
let remove: () => Promise<void>;
let file: string;
let dataDir: string;
let readToken: string;
let logs = '';
type Client = { client_id: string; client_secret: string };
const clients: Record<'admin' | 'read' | 'doomed', Client> = {} as never;

beforeAll(async () => {
  const tmp = await tempDir();
  remove = tmp.remove;
  dataDir = tmp.dir;
  file = tokenFilePath(tmp.dir);
  readToken = await createToken(file, 'viewer', 'read');
  clients.admin = await createClient(clientFilePath(tmp.dir), 'svc-admin', 'admin');
  clients.read = await createClient(clientFilePath(tmp.dir), 'svc-read', 'read');
  clients.doomed = await createClient(clientFilePath(tmp.dir), 'svc-doomed', 'admin');
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
    ['another scheme', `Token ${TEST_ADMIN_TOKEN}`, /authorization header/],
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

describe('every documented endpoint, every credential', () => {
  type Kind = 'basic admin' | 'basic read' | 'bearer admin' | 'bearer read' | 'expired' | 'tampered' | 'foreign key' | 'revoked';
  const headers = {} as Record<Kind, string>;
  let endpoints: [string, string][] = [];
  const issued: string[] = [];

  beforeAll(async () => {
    const paths = (await get(basic(TEST_ADMIN_TOKEN), '/docs/json')).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>().paths;
    // Path parameters get a value no route accepts as real ('x'), so admin calls are refused as 400/404
    // by the routes themselves and change nothing; auth is decided before the route is reached.
    endpoints = Object.entries(paths)
      .filter(([route]) => !route.includes('/oauth/'))
      // Operations documented with `security: []` (the landing page, /health) answer without credentials.
      .flatMap(([route, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.security?.length !== 0)
          .map(([m]): [string, string] => [m.toUpperCase(), route.replace(/\{[^}]+\}/g, 'x')]),
      );
    endpoints.push(['GET', '/docs'], ['GET', '/docs/json']);
    const read = await tokenFor(app, clients.read);
    const doomed = await tokenFor(app, clients.doomed);
    const admin = await tokenFor(app, clients.admin);
    issued.push(read, doomed, admin);
    const { sub } = JSON.parse(Buffer.from(admin.split('.')[1] ?? '', 'base64url').toString()) as { sub: string };
    Object.assign(headers, {
      'basic admin': basic(TEST_ADMIN_TOKEN),
      'basic read': basic(readToken),
      'bearer admin': bearer(admin),
      'bearer read': bearer(read),
      expired: bearer(await mint(dataDir, { sub, role: 'admin', iat: nowS() - 7200, exp: nowS() - 3600 })),
      tampered: bearer(tamper(read)),
      'foreign key': bearer(await mint(dataDir, { sub, role: 'admin', iat: nowS(), exp: nowS() + 3600 }, { foreignKey: true })),
      revoked: bearer(doomed),
    });
    // Used once while its client exists (so it is remembered), then the client is revoked.
    expect((await get(headers.revoked)).statusCode).toBe(200);
    await revokeClient(clientFilePath(dataDir), 'svc-doomed');
    expect(await eventually(async () => (await get(headers.revoked)).statusCode === 401)).toBe(true);
  });

  it('covers every route in the OpenAPI document', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(17);
  });

  it.each(['basic admin', 'bearer admin'] as const)('%s passes auth everywhere and never meets a 5xx', async (kind) => {
    for (const [method, url] of endpoints) {
      const res = await app.inject({ method: method as 'GET', url, headers: { authorization: headers[kind] } });
      expect([401, 403], `${method} ${url}`).not.toContain(res.statusCode);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
    }
  });

  it.each(['basic read', 'bearer read'] as const)('%s may read everywhere but /__emulator/ and gets 403 on every mutation', async (kind) => {
    for (const [method, url] of endpoints) {
      const res = await app.inject({ method: method as 'GET', url, headers: { authorization: headers[kind] } });
      if (url.startsWith('/__emulator/')) {
        // The emulator's control surface is for admin tokens only, reads included (src/emulator/index.ts).
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json<{ message: string }>().message, `${method} ${url}`).toMatch(/read role|admin token/);
      } else if (method === 'GET') expect([401, 403], `${method} ${url}`).not.toContain(res.statusCode);
      else {
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json()).toEqual({ error: 'Forbidden', message: expect.stringMatching(/read role/) });
      }
    }
  });

  it.each([
    ['expired', /expired/],
    ['tampered', /signature/],
    ['foreign key', /signature/],
    ['revoked', /revoked/],
  ] as const)('a %s token is 401 invalid_token everywhere', async (kind, why) => {
    for (const [method, url] of endpoints) {
      const res = await app.inject({ method: method as 'GET', url, headers: { authorization: headers[kind] } });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(new RegExp(`^Bearer realm="${REALM}", error="invalid_token", error_description="[^"]*"$`));
      expect(res.json()).toEqual({ error: 'Unauthorized', message: expect.stringMatching(why) });
    }
  });

  it('the handler sees the client behind a Bearer token', async () => {
    const res = await get(headers['bearer read']);
    expect(res.json()).toEqual({ who: { name: 'svc-read', role: 'read', clientId: clients.read.client_id } });
  });

  it('refuses a token in the query string (RFC 6750 2.3), even beside a good header', async () => {
    const token = headers['bearer admin'].slice('Bearer '.length);
    for (const url of [`/stats/metrics?access_token=${token}`, `/probe?x=1&access%5Ftoken=${token}`]) {
      for (const authorization of [undefined, headers['bearer admin']]) {
        const res = await get(authorization, url);
        expect(res.statusCode).toBe(400);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]+", error="invalid_request"/);
        expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(/query string/) });
      }
    }
  });

  it('answers a malformed Bearer header 400 invalid_request', async () => {
    const res = await get('Bearer two words');
    expect(res.statusCode).toBe(400);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_request"/);
  });

  it('never logs an access token or a client secret', () => {
    for (const secret of [...issued, ...Object.values(clients).map((c) => c.client_secret)]) expect(logs).not.toContain(secret);
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
