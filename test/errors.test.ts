// The one error handler (src/errors.ts), its unexpected-error branch: a route of the real app that throws
// something nobody mapped answers 500 with the fixed JSON body; the error's message, its stack and the
// request's credentials (the secret here) stay out of the answer, the details go to the log, the token does not.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../support/config.ts';
import { ADMIN_TOKEN, AUTH, tempDataDir } from '../support/test-app.ts';

const DETAIL = 'internal detail: handle 0x7f3a closed while compacting shard 42';

let app: FastifyInstance;
let logs = '';
let dataDir: string;
beforeAll(async () => {
  dataDir = await tempDataDir();
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs += chunk.toString('utf8');
      done();
    },
  });
  app = await buildApp(testConfig({ dataDir, adminToken: ADMIN_TOKEN, logLevel: 'info' }), { logStream });
  // Routes of the real app, behind its auth hook and error handler, failing the ways a bug would.
  app.get('/test/throws', () => {
    throw new Error(DETAIL);
  });
  app.get('/test/rejects', async () => {
    await Promise.resolve();
    throw new TypeError(`Cannot read properties of undefined (reading '${DETAIL}')`);
  });
  app.get('/test/status-5xx', () => {
    throw Object.assign(new Error(DETAIL), { statusCode: 503 });
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  const { rm } = await import('node:fs/promises');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the error handler on an unexpected error', () => {
  it.each(['/test/throws', '/test/rejects', '/test/status-5xx'])('%s: 500, fixed JSON body, nothing of the error in it', async (url) => {
    const before = logs.length;
    const res = await app.inject({ method: 'GET', url, headers: { authorization: AUTH } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error: 'Internal Server Error', message: 'internal error; see the server log' });
    for (const leak of ['0x7f3a', 'compacting', 'stack', '    at ', 'errors.test.ts', ADMIN_TOKEN, AUTH]) {
      expect(res.body).not.toContain(leak);
    }
    // The details are the log's: the message and the stack, with the request they belong to.
    const logged = logs.slice(before);
    expect(logged).toContain('"msg":"unhandled error"');
    expect(logged).toContain('0x7f3a');
    expect(logged).toContain('errors.test.ts');
    expect(logged).not.toContain(ADMIN_TOKEN);
  });
});
