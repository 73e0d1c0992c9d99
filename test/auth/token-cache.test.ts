// The per-app memo of accepted Authorization headers: it only ever holds headers accepted under the
// current token set, forgets them all when tokens.json changes, and never changes an answer.
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_HEADERS, TokenCache } from '../../src/auth/token-cache.ts';
import { createToken, revokeToken, tokenFilePath } from '../../src/auth/token-file.ts';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../support/config.ts';
import { TEST_ADMIN_TOKEN, basic, tempDir } from '../../support/auth.ts';

describe('TokenCache header memo', () => {
  let file: string;
  let remove: () => Promise<void>;
  let cache: TokenCache;
  beforeAll(async () => {
    const tmp = await tempDir();
    remove = tmp.remove;
    file = tokenFilePath(tmp.dir);
    cache = new TokenCache(file, pino({ level: 'silent' }));
    await cache.start(3_600_000); // refreshed by hand below
  });
  afterAll(async () => {
    cache.stop();
    await remove();
  });

  it('remembers a header only once its token is accepted, and forgets it when the token is revoked', async () => {
    const token = await createToken(file, 'scraper', 'read');
    const header = basic(token);
    expect(cache.identifyAndRemember(token, header)).toBeUndefined(); // not loaded yet
    expect(cache.identifyHeader(header)).toBeUndefined();
    await cache.refresh();
    expect(cache.identifyAndRemember(token, header)).toEqual({ name: 'scraper', role: 'read' });
    expect(cache.identifyHeader(header)).toEqual({ name: 'scraper', role: 'read' });
    expect(cache.identifyHeader(header.toLowerCase())).toBeUndefined(); // exact value only

    await revokeToken(file, 'scraper');
    expect(cache.identifyHeader(header)).toBeDefined(); // the running set has not changed yet
    await cache.refresh();
    expect(cache.identifyHeader(header)).toBeUndefined();
    expect(cache.identifyAndRemember(token, header)).toBeUndefined();
    expect(cache.identifyHeader(header)).toBeUndefined();
  });

  it('forgets every header on any change of the token set, not only the revoked one', async () => {
    const kept = await createToken(file, 'kept', 'admin');
    await cache.refresh();
    cache.identifyAndRemember(kept, basic(kept));
    expect(cache.identifyHeader(basic(kept))).toBeDefined();
    await createToken(file, 'other', 'read');
    await cache.refresh();
    expect(cache.identifyHeader(basic(kept))).toBeUndefined();
    expect(cache.identifyAndRemember(kept, basic(kept))).toEqual({ name: 'kept', role: 'admin' });
  });

  it('stays bounded however many spellings of a valid token arrive', async () => {
    const token = await createToken(file, 'many', 'read');
    await cache.refresh();
    const spellings = Array.from({ length: MAX_REMEMBERED_HEADERS * 3 }, (_, i) => `${basic(token)}#${i}`);
    for (const h of spellings) cache.identifyAndRemember(token, h);
    const remembered = spellings.filter((h) => cache.identifyHeader(h) !== undefined);
    expect(remembered.length).toBeGreaterThan(0);
    expect(remembered.length).toBeLessThanOrEqual(MAX_REMEMBERED_HEADERS);
  });
});

describe('the hook with remembered headers', () => {
  let app: FastifyInstance;
  let remove: () => Promise<void>;
  let readToken: string;
  beforeAll(async () => {
    const tmp = await tempDir();
    remove = tmp.remove;
    readToken = await createToken(tokenFilePath(tmp.dir), 'viewer', 'read');
    app = await buildApp(testConfig({ dataDir: tmp.dir, adminToken: TEST_ADMIN_TOKEN }));
    app.get('/who', async (request) => ({ who: request.identity }));
    app.post('/who', async (request) => ({ who: request.identity }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await remove();
  });
  const call = (method: 'GET' | 'HEAD' | 'POST', authorization: string) => app.inject({ method, url: '/who', headers: { authorization } });

  it('answers a repeated header with the same identity, and still refuses a read token a POST', async () => {
    for (let i = 0; i < 3; i++) expect((await call('GET', basic(readToken))).json()).toEqual({ who: { name: 'viewer', role: 'read' } });
    expect((await call('HEAD', basic(readToken))).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) {
      const post = await call('POST', basic(readToken));
      expect(post.statusCode).toBe(403);
      expect(post.headers['www-authenticate']).toBeUndefined();
      expect(post.json()).toEqual({ error: 'Forbidden', message: expect.stringMatching(/read role/) });
    }
    expect((await call('GET', basic(readToken, 'x'))).statusCode).toBe(401);
  });

  it('lets an admin header GET and then POST', async () => {
    expect((await call('GET', basic(TEST_ADMIN_TOKEN))).json()).toEqual({ who: { name: 'env-admin', role: 'admin' } });
    expect((await call('POST', basic(TEST_ADMIN_TOKEN))).statusCode).toBe(200);
    expect((await call('GET', basic(TEST_ADMIN_TOKEN))).statusCode).toBe(200);
  });
});
