// Property: for any database, measurement or user name, every endpoint answers below 500, touches
// nothing but the entity it names, and a create followed by a delete leaves the source as it was.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seg, startApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(undefined, { logLevel: 'info' });
  // A sentinel database with data and a user with grants: no call naming anything else may change them.
  expect((await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'sentinel' } })).statusCode).toBe(204);
  await t.app.sources.unguardedTarget().adapter.writePoints('sentinel', [
    { measurement: 'm', tags: {}, fields: { v: 1 }, timestampMs: 1 },
    { measurement: 'sentinel', tags: {}, fields: { v: 1 }, timestampMs: 1 },
  ]);
  await t.app.sources.unguardedTarget().adapter.writePoints('tsdata', [{ measurement: 'm', tags: {}, fields: { v: 1 }, timestampMs: 1 }]);
  const keeper = { name: 'keeper', password: 'keeper-pw', grants: [{ database: 'sentinel', privileges: 'READ' }, { database: 'tsdata', privileges: 'ALL' }] };
  expect((await t.request({ method: 'POST', url: '/stats/users', payload: keeper })).statusCode).toBe(204);
});
afterAll(async () => {
  await t.close();
});

async function snapshot(): Promise<string> {
  const dbs = (await t.request({ method: 'GET', url: '/stats/db' })).json<{ name: string; measurements: string[] }[]>();
  const users = (await t.request({ method: 'GET', url: '/stats/users' })).json<unknown>();
  return JSON.stringify({ dbs: dbs.map((d) => ({ name: d.name, measurements: d.measurements })), users });
}

const tricky = fc.constantFrom(
  '.', '..', '../sentinel', 'sentinel/..', '%2e%2e', 'sentinel ', ' sentinel', 'SENTINEL', 'sentinel\u0000',
  'sentinel"; DROP DATABASE "sentinel', "x' OR '1'='1", 'a\\b', 'a\nb', '\t', ' ', '😀', 'é', 'e\u0301',
  'Ünïcödé 温度', 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(2000), '_internal', 'keeper',
);
const names = fc
  .oneof(tricky, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }))
  .filter((n) => n !== 'sentinel' && n !== 'tsdata' && n !== 'keeper');

function encodable(name: string): boolean {
  try {
    encodeURIComponent(name);
    return true;
  } catch {
    return false; // lone surrogates cannot be put in a URL at all
  }
}

describe('any name', () => {
  it('never answers 5xx, touches only what it names, and create+delete round-trips', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        fc.pre(encodable(name));
        const secret = randomUUID();
        const n = seg(name);
        const statuses: Record<string, number> = {};
        const call = async (key: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
          const res = await t.request({ method, url, payload });
          statuses[key] = res.statusCode;
          expect(res.statusCode, `${key} ${JSON.stringify(name)}: ${res.body}`).toBeLessThan(500);
          expect(res.body).not.toContain(secret);
          if (res.statusCode >= 400) expect(Object.keys(res.json())).toEqual(['error', 'message']);
          return res;
        };
        await call('createDb', 'POST', '/stats/db', { dbName: name });
        await call('dropForeignMeasurement', 'DELETE', `/stats/db/sentinel/measurements/${n}`);
        await call('dropMeasurement', 'DELETE', `/stats/db/${n}/measurements/m`);
        await call('createUser', 'POST', '/stats/users', { name, password: secret, grants: [{ database: name, privileges: 'ALL' }] });
        await call('grant', 'PUT', `/stats/users/${n}/grant_privileges`, { database: name, privileges: 'WRITE' });
        await call('revoke', 'PUT', `/stats/users/${n}/revoke_privileges`, { database: name, privileges: 'READ' });
        await call('password', 'PUT', `/stats/users/${n}/password`, { password: secret });
        await call('dropUser', 'DELETE', `/stats/users/${n}/delete`);
        await call('dropDb', 'DELETE', `/stats/db/${n}`);
        // What is created under a name is deleted under the same, URL-encoded, name.
        if (statuses.createDb === 204) expect(statuses.dropDb).toBe(204);
        if (statuses.createUser === 204) expect(statuses.dropUser).toBe(204);
        expect(await snapshot()).toBe(before);
        expect(t.logs()).not.toContain(secret);
      }),
      // Each run hashes two passwords (scrypt) on purpose-slow settings; 50 runs keep the suite lean.
      { numRuns: 50 },
    );
  }, 120_000);
});
