// Clients that send `Content-Type: application/json` on every request: bodiless routes still work, routes
// that need a body still say so, and malformed or poisoned JSON is a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(async () => {
  await t?.close();
});

const json = { 'content-type': 'application/json' };

describe('JSON content type with an empty body', () => {
  it('is no body for routes the document defines without one', async () => {
    expect((await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'emptybody' } })).statusCode).toBe(204);
    expect((await t.request({ method: 'PUT', url: '/stats/tsdb/state/disable', headers: json })).statusCode).toBe(204);
    expect((await t.request({ method: 'PUT', url: '/stats/tsdb/state/enable', headers: json, payload: '' })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: '/stats/db/emptybody', headers: json })).statusCode).toBe(204);
    const missing = await t.request({ method: 'DELETE', url: '/stats/users/ghost/delete', headers: json });
    expect(missing.statusCode).toBe(404);
  });

  it('is still a 400 naming the body where one is required', async () => {
    const res = await t.request({ method: 'POST', url: '/stats/db', headers: json, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'Bad Request', message: expect.stringMatching(/body/i) });
  });

  it('answers malformed and prototype-poisoning JSON with 400', async () => {
    for (const payload of ['{"dbName":', '{"__proto__":{"x":1},"dbName":"p"}']) {
      const res = await t.request({ method: 'POST', url: '/stats/db', headers: json, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toHaveProperty('error', 'Bad Request');
    }
  });
});
