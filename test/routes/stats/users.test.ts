// /stats/users*: list, create (all-or-nothing), grant (additive), revoke (bit-clear), password,
// delete, on the embedded engine; odd names via encoded paths; passwords never echoed or logged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectJsonError, seg, startApp, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startApp();
  expect((await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'le_stats' } })).statusCode).toBe(204);
});
afterEach(async () => {
  await t.close();
});

interface User {
  name: string;
  grants: { database: string; privileges: string }[];
}
const users = async () => (await t.request({ method: 'GET', url: '/stats/users' })).json<User[]>();
const createUser = (payload: unknown) => t.request({ method: 'POST', url: '/stats/users', payload: payload as object });
const put = (user: string, action: string, payload: unknown) =>
  t.request({ method: 'PUT', url: `/stats/users/${seg(user)}/${action}`, payload: payload as object });
const grantsOf = async (name: string) => (await users()).find((u) => u.name === name)?.grants;

describe('GET and POST /stats/users', () => {
  it('starts empty, creates with grants (204) and lists them sorted by database', async () => {
    expect(await users()).toEqual([]);
    const res = await createUser({
      name: 'observer',
      password: 'pw-observer-secret',
      grants: [
        { database: 'tsdata', privileges: 'READ' },
        { database: 'le_stats', privileges: 'READ' },
      ],
    });
    expect(res.statusCode).toBe(204);
    expect(await users()).toEqual([
      { name: 'observer', grants: [{ database: 'le_stats', privileges: 'READ' }, { database: 'tsdata', privileges: 'READ' }] },
    ]);
    expect(expectJsonError(await createUser({ name: 'observer', password: 'x', grants: [] }), 409).message).toMatch(/observer/);
  });

  it('creates nothing when one grant names a missing database (404)', async () => {
    const res = await createUser({
      name: 'half',
      password: 'pw',
      grants: [
        { database: 'tsdata', privileges: 'READ' },
        { database: 'missing', privileges: 'WRITE' },
      ],
    });
    expect(expectJsonError(res, 404).message).toMatch(/missing/);
    expect(await users()).toEqual([]);
  });

  it.each([
    ['no password', { name: 'u', grants: [] }],
    ['empty password', { name: 'u', password: '', grants: [] }],
    ['no grants', { name: 'u', password: 'p' }],
    ['empty name', { name: '', password: 'p', grants: [] }],
    ['long name', { name: 'u'.repeat(256), password: 'p', grants: [] }],
    ['lowercase privilege', { name: 'u', password: 'p', grants: [{ database: 'tsdata', privileges: 'read' }] }],
    ['the document enum text', { name: 'u', password: 'p', grants: [{ database: 'tsdata', privileges: 'Enum WRITE, READ, ALL, NO PRIVILEGES' }] }],
    ['grant without database', { name: 'u', password: 'p', grants: [{ privileges: 'READ' }] }],
  ])('answers 400 for %s and creates nothing', async (_case, body) => {
    expectJsonError(await createUser(body), 400);
    expect(await users()).toEqual([]);
  });
});

describe('grant_privileges and revoke_privileges', () => {
  beforeEach(async () => {
    expect((await createUser({ name: 'u', password: 'p', grants: [] })).statusCode).toBe(204);
  });

  it('is additive (READ then WRITE is ALL) and bit-clears on revoke', async () => {
    expect((await put('u', 'grant_privileges', { database: 'tsdata', privileges: 'READ' })).statusCode).toBe(204);
    expect(await grantsOf('u')).toEqual([{ database: 'tsdata', privileges: 'READ' }]);
    await put('u', 'grant_privileges', { database: 'tsdata', privileges: 'WRITE' });
    expect(await grantsOf('u')).toEqual([{ database: 'tsdata', privileges: 'ALL' }]);
    expect((await put('u', 'revoke_privileges', { database: 'tsdata', privileges: 'WRITE' })).statusCode).toBe(204);
    expect(await grantsOf('u')).toEqual([{ database: 'tsdata', privileges: 'READ' }]);
    await put('u', 'grant_privileges', { database: 'tsdata', privileges: 'ALL' });
    await put('u', 'revoke_privileges', { database: 'tsdata', privileges: 'ALL' });
    const after = await grantsOf('u');
    expect(after?.every((g) => g.privileges === 'NO PRIVILEGES')).toBe(true);
  });

  it('answers 404 for a missing user or database', async () => {
    expectJsonError(await put('ghost', 'grant_privileges', { database: 'tsdata', privileges: 'READ' }), 404);
    expectJsonError(await put('u', 'grant_privileges', { database: 'ghost', privileges: 'READ' }), 404);
    expectJsonError(await put('ghost', 'revoke_privileges', { database: 'tsdata', privileges: 'READ' }), 404);
    expectJsonError(await put('u', 'revoke_privileges', { database: 'ghost', privileges: 'READ' }), 404);
  });

  it('answers 400 for privileges outside the enum; revoke refuses NO PRIVILEGES', async () => {
    expectJsonError(await put('u', 'grant_privileges', { database: 'tsdata', privileges: 'ADMIN' }), 400);
    expectJsonError(await put('u', 'grant_privileges', { database: 'tsdata' }), 400);
    expectJsonError(await put('u', 'revoke_privileges', { database: 'tsdata', privileges: 'NO PRIVILEGES' }), 400);
    expectJsonError(await put('u', 'revoke_privileges', { database: '', privileges: 'READ' }), 400);
  });

  it('loses its grants when the database is dropped', async () => {
    await put('u', 'grant_privileges', { database: 'le_stats', privileges: 'ALL' });
    expect((await t.request({ method: 'DELETE', url: '/stats/db/le_stats' })).statusCode).toBe(204);
    expect(await grantsOf('u')).toEqual([]);
  });
});

describe('password and delete', () => {
  // Slashes and the other edge cases of user names: the name table of test/tsdb/adapter-contract/names.ts.
  const odd = 'ops team lead.ü-温度';

  it('resets a password (204), deletes (204), then 404s; names round-trip encoded', async () => {
    expect((await createUser({ name: odd, password: 'first-pw', grants: [{ database: 'tsdata', privileges: 'WRITE' }] })).statusCode).toBe(204);
    expect((await users()).map((u) => u.name)).toEqual([odd]);
    expect((await put(odd, 'password', { password: 'second-pw-secret' })).statusCode).toBe(204);
    const del = await t.request({ method: 'DELETE', url: `/stats/users/${seg(odd)}/delete` });
    expect(del.statusCode).toBe(204);
    expect(await users()).toEqual([]);
    expectJsonError(await t.request({ method: 'DELETE', url: `/stats/users/${seg(odd)}/delete` }), 404);
    expectJsonError(await put(odd, 'password', { password: 'again' }), 404);
  });

  it('answers 400 for an empty or missing password', async () => {
    await createUser({ name: 'u', password: 'p', grants: [] });
    expectJsonError(await put('u', 'password', { password: '' }), 400);
    expectJsonError(await put('u', 'password', {}), 400);
  });

  it('never echoes or logs a password', async () => {
    await createUser({ name: 'u', password: 'pw-create-secret', grants: [{ database: 'ghost', privileges: 'READ' }] });
    await createUser({ name: 'u', password: 'pw-create-secret', grants: [] });
    await createUser({ name: 'u', password: 'pw-create-secret', grants: [] });
    await put('u', 'password', { password: 'pw-reset-secret' });
    await put('ghost', 'password', { password: 'pw-reset-secret' });
    const text = (await users()).map((u) => JSON.stringify(u)).join() + t.logs();
    expect(text).not.toContain('pw-create-secret');
    expect(text).not.toContain('pw-reset-secret');
  });
});
