// POST /auth/v3/oauth/token through inject(): RFC 6749 5.2's error for every bad request (never a
// 500), Cache-Control: no-store on every answer, the bound on failed attempts, and no secret in the log.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.ts';
import { clientFilePath, createClient } from '../../../src/auth/oauth/client-file.ts';
import { MAX_FAILURES } from '../../../src/auth/oauth/failure-limiter.ts';
import { testConfig } from '../../../support/config.ts';
import { TEST_ADMIN_TOKEN, basic, tempDir } from '../../../support/auth.ts';
import { form } from '../../auth/oauth/support.ts';

const FORM = 'application/x-www-form-urlencoded';
let app: FastifyInstance;
let remove: () => Promise<void>;
let logs = '';
let client: { client_id: string; client_secret: string };
let victim: { client_id: string; client_secret: string };

beforeAll(async () => {
  const tmp = await tempDir('oauth-token-');
  remove = tmp.remove;
  client = await createClient(clientFilePath(tmp.dir), 'sdk', 'admin');
  victim = await createClient(clientFilePath(tmp.dir), 'guessed', 'read');
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  app = await buildApp(testConfig({ dataDir: tmp.dir, adminToken: TEST_ADMIN_TOKEN, logLevel: 'trace' }), { logStream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await remove();
});

const post = (payload: string, headers: Record<string, string> = { 'content-type': FORM }, url = '/auth/v3/oauth/token') =>
  app.inject({ method: 'POST', url, headers, payload });
const good = () => ({ grant_type: 'client_credentials', ...client });

function expectOAuthError(res: Awaited<ReturnType<typeof post>>, status: number, error: string, description: RegExp) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.json()).toEqual({ error, error_description: expect.stringMatching(description), message: expect.stringMatching(description) });
}

describe('a good request', () => {
  it('answers the token, Bearer, 3600 s, no-store, with or without a charset and on both paths', async () => {
    for (const [url, type] of [['/auth/v3/oauth/token', FORM], ['/api/v3/oauth/token', `${FORM}; charset=UTF-8`]] as const) {
      const res = await post(form(good()), { 'content-type': type }, url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.pragma).toBe('no-cache');
      expect(res.json()).toEqual({ access_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/), token_type: 'Bearer', expires_in: 3600 });
    }
  });

  it('takes HTTP Basic client auth (form-encoded id and secret, RFC 6749 2.3.1)', async () => {
    const res = await post(form({ grant_type: 'client_credentials' }), { 'content-type': FORM, authorization: basic(client.client_id, client.client_secret) });
    expect(res.statusCode).toBe(200);
  });

  it('ignores unknown parameters and states the granted scope when one was asked for', async () => {
    const res = await post(`${form({ ...good(), scope: 'everything', audience: 'x' })}&__proto__=x&constructor=y`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ scope: 'admin' });
  });

  it('needs no API credentials: a wrong Basic API token is not asked for', async () => {
    const res = await post(form(good()), { 'content-type': FORM, 'x-unrelated': basic(TEST_ADMIN_TOKEN) });
    expect(res.statusCode).toBe(200);
  });
});

describe('bad requests get RFC 6749 5.2 errors, never a 500', () => {
  it.each([
    ['a JSON body', () => JSON.stringify(good()), { 'content-type': 'application/json' }, 400, 'invalid_request', /x-www-form-urlencoded/],
    ['a text body', () => form(good()), { 'content-type': 'text/plain' }, 400, 'invalid_request', /x-www-form-urlencoded/],
    ['no body at all', '', {}, 400, 'invalid_request', /grant_type is required/],
    ['a broken percent-escape', 'grant_type=client_credentials&client_id=%zz', { 'content-type': FORM }, 400, 'invalid_request', /form encoding/],
    ['invalid UTF-8', 'grant_type=client_credentials&client_secret=%ff%fe', { 'content-type': FORM }, 400, 'invalid_request', /form encoding/],
    ['a repeated parameter', 'grant_type=client_credentials&grant_type=password', { 'content-type': FORM }, 400, 'invalid_request', /"grant_type" is repeated/],
    ['no grant_type', form({ client_id: 'a', client_secret: 'b' }), { 'content-type': FORM }, 400, 'invalid_request', /grant_type is required/],
    ['an unknown grant', () => form({ ...good(), grant_type: 'password' }), { 'content-type': FORM }, 400, 'unsupported_grant_type', /client_credentials/],
    ['a made-up grant', () => form({ ...good(), grant_type: 'urn:x:whatever' }), { 'content-type': FORM }, 400, 'unsupported_grant_type', /client_credentials/],
    ['no client credentials', form({ grant_type: 'client_credentials' }), { 'content-type': FORM }, 401, 'invalid_client', /client authentication is required/],
    ['another auth scheme', form({ grant_type: 'client_credentials' }), { 'content-type': FORM, authorization: 'Bearer abc' }, 401, 'invalid_client', /HTTP Basic/],
    ['an unknown client', () => form({ ...good(), client_id: 'nobody-at-all-here-xxx' }), { 'content-type': FORM }, 401, 'invalid_client', /unknown client/],
    ['a wrong secret', () => form({ ...good(), client_secret: 'wrong' }), { 'content-type': FORM }, 401, 'invalid_client', /wrong client secret/],
  ] as const)('%s', async (_what, payload, headers, status, error, description) => {
    const res = await post(typeof payload === 'function' ? payload() : payload, headers);
    expectOAuthError(res, status, error, description);
    if (status === 401) expect(res.headers['www-authenticate']).toBe('Basic realm="LitmusEdge DataHub"');
  });

  it('credentials both in the header and in the body', async () => {
    const res = await post(form(good()), { 'content-type': FORM, authorization: basic(client.client_id, client.client_secret) });
    expectOAuthError(res, 400, 'invalid_request', /both in the Authorization header and in the body/);
  });

  it('an oversized body is 413 invalid_request', async () => {
    const res = await post(form({ ...good(), padding: 'x'.repeat(10_000) }));
    expectOAuthError(res, 413, 'invalid_request', /over 4096 bytes/);
  });

  it('a token request with the secret in the query string is refused and the secret not logged', async () => {
    const res = await app.inject({ method: 'POST', url: `/auth/v3/oauth/token?client_secret=${client.client_secret}&access_token=zzz`, headers: { 'content-type': FORM }, payload: form(good()) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_request"/);
  });

  it('GET on the token endpoint is not a way in', async () => {
    const res = await app.inject({ method: 'GET', url: '/auth/v3/oauth/token' });
    expect(res.statusCode).toBe(401);
  });
});

describe('failed attempts per client', () => {
  it(`after ${MAX_FAILURES} wrong secrets every attempt for that client is 429 with Retry-After, the right secret too; others are unaffected`, async () => {
    const attempt = (secret: string) => post(form({ grant_type: 'client_credentials', client_id: victim.client_id, client_secret: secret }));
    for (let i = 0; i < MAX_FAILURES; i++) expect((await attempt(`guess-${i}`)).statusCode).toBe(401);
    for (const secret of ['guess-again', victim.client_secret]) {
      const res = await attempt(secret);
      expectOAuthError(res, 429, 'invalid_client', /too many failed attempts/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await post(form(good()))).statusCode).toBe(200);
  });
});

describe('logs', () => {
  it('never contain a client secret or an issued token', async () => {
    const token = (await post(form(good()))).json<{ access_token: string }>().access_token;
    expect(logs).toMatch(/oauth\/token/);
    for (const secret of [client.client_secret, victim.client_secret, token]) expect(logs).not.toContain(secret);
  });
});
