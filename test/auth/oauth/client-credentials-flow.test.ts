// The client-credentials flow as a client runs it: openid-client (a certified OAuth2 client, not our
// code) against a listening emulator, a client created by the CLI process while the server runs, the
// token used on /stats/db, verified against the published JWKS with jose, and kept across a restart.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.ts';
import { ISSUER } from '../../../src/auth/oauth/access-tokens.ts';
import { testConfig } from '../../../support/config.ts';
import { TEST_ADMIN_TOKEN, tempDir } from '../../../support/auth.ts';
import { eventually } from '../../../support/wait.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const run = promisify(execFile);

let dataDir: string;
let remove: () => Promise<void>;
let app: FastifyInstance;
let base: string;

async function listen(): Promise<void> {
  app = await buildApp(testConfig({ dataDir, adminToken: TEST_ADMIN_TOKEN, host: '127.0.0.1', port: 0 }), { tokenPollMs: 50 });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
}

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(NODE, ['src/auth/token-cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, DATA_DIR: dataDir } });
  return stdout;
}

function oidcConfig(client: { client_id: string; client_secret: string }, auth: 'post' | 'basic', tokenPath = '/auth/v3/oauth/token') {
  const config = new oidc.Configuration(
    { issuer: ISSUER, token_endpoint: `${base}${tokenPath}` },
    client.client_id,
    undefined,
    auth === 'basic' ? oidc.ClientSecretBasic(client.client_secret) : oidc.ClientSecretPost(client.client_secret),
  );
  oidc.allowInsecureRequests(config); // plain HTTP on loopback in this test
  return config;
}

/** What openid-client raises for a refused grant: RFC 6749 5.2's 401 carries a Basic challenge, which
 *  it reports as a WWWAuthenticateChallengeError with the response body left unread. */
async function refusal(grant: Promise<unknown>): Promise<{ status: number; scheme: string; error: string }> {
  const err = await grant.then(
    () => expect.fail('the grant succeeded'),
    (e: unknown) => e as oidc.WWWAuthenticateChallengeError,
  );
  expect(err).toBeInstanceOf(oidc.WWWAuthenticateChallengeError);
  const body = (await err.response.json()) as { error: string };
  return { status: err.status, scheme: err.cause[0]?.scheme ?? '', error: body.error };
}

beforeAll(async () => {
  const tmp = await tempDir('oauth-flow-');
  dataDir = tmp.dir;
  remove = tmp.remove;
  await listen();
});
afterAll(async () => {
  await app.close();
  await remove();
});

describe('client credentials with openid-client', () => {
  let client: { client_id: string; client_secret: string };
  let token = '';

  it('the CLI prints exactly {"client_id","client_secret"} and the running server accepts the client', async () => {
    const out = await cli('client', 'create', '--name', 'litmus-sdk', '--role', 'read');
    expect(out).toMatch(/^\{"client_id":"[A-Za-z0-9_-]{22}","client_secret":"[A-Za-z0-9_-]{43}"\}\n$/);
    client = JSON.parse(out) as typeof client;
    const config = oidcConfig(client, 'post');
    expect(await eventually(async () => oidc.clientCredentialsGrant(config).then(() => true, () => false))).toBe(true);
  });

  it.each([
    ['form-body client auth at /auth/v3', 'post', '/auth/v3/oauth/token'],
    ['HTTP Basic client auth at /api/v3', 'basic', '/api/v3/oauth/token'],
  ] as const)('%s gets a Bearer token that reads /stats/db', async (_what, auth, tokenPath) => {
    const tokens = await oidc.clientCredentialsGrant(oidcConfig(client, auth, tokenPath));
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    token = tokens.access_token;
    const res = await fetch(`${base}/stats/db`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expect.any(Array));
  });

  it('openid-client surfaces invalid_client for a wrong secret', async () => {
    const bad = oidcConfig({ ...client, client_secret: 'not-the-secret' }, 'basic');
    expect(await refusal(oidc.clientCredentialsGrant(bad))).toEqual({ status: 401, scheme: 'basic', error: 'invalid_client' });
  });

  it('the token verifies against the JWKS with jose and carries the documented claims', async () => {
    const jwks = createRemoteJWKSet(new URL(`${base}/auth/v3/oauth/jwks`));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: ISSUER, algorithms: ['ES256'] });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: ISSUER, sub: client.client_id, role: 'read', jti: expect.any(String) });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('the signing key survives a restart: a token issued before still works after', async () => {
    await app.close();
    await listen();
    const res = await fetch(`${base}/stats/db`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it('client list never shows a secret; revoke ends the token at once', async () => {
    const list = await cli('client', 'list');
    expect(list).toMatch(new RegExp(`^litmus-sdk\\s+read\\s+${client.client_id}\\s+\\d{4}-`, 'm'));
    expect(list).not.toContain(client.client_secret);
    await cli('client', 'revoke', '--name', 'litmus-sdk');
    const refused = async () => (await fetch(`${base}/stats/db`, { headers: { authorization: `Bearer ${token}` } })).status === 401;
    expect(await eventually(refused)).toBe(true);
    expect(await refusal(oidc.clientCredentialsGrant(oidcConfig(client, 'post')))).toEqual({ status: 401, scheme: 'basic', error: 'invalid_client' });
  });
});
