// Contract: users, passwords and the InfluxDB 1.x grant algebra the DataHub document describes.
import { beforeAll, expect, it } from 'vitest';
import type { DbUser, Privilege, RevocablePrivilege } from '../../../src/tsdb/adapter.ts';
import { awkwardNames, expectStatus, type ContractContext } from './helpers.ts';

type Step = ['grant', Privilege] | ['revoke', RevocablePrivilege];

/** Steps applied to a fresh user with no grant on the database, and the privilege listed afterwards. */
const ALGEBRA: [string, Step[], Privilege][] = [
  ['grant READ', [['grant', 'READ']], 'READ'],
  ['grant WRITE', [['grant', 'WRITE']], 'WRITE'],
  ['grant ALL', [['grant', 'ALL']], 'ALL'],
  ['READ then WRITE is ALL', [['grant', 'READ'], ['grant', 'WRITE']], 'ALL'],
  ['WRITE then READ is ALL', [['grant', 'WRITE'], ['grant', 'READ']], 'ALL'],
  ['READ twice is READ', [['grant', 'READ'], ['grant', 'READ']], 'READ'],
  ['ALL then READ stays ALL', [['grant', 'ALL'], ['grant', 'READ']], 'ALL'],
  ['ALL minus WRITE is READ', [['grant', 'ALL'], ['revoke', 'WRITE']], 'READ'],
  ['ALL minus READ is WRITE', [['grant', 'ALL'], ['revoke', 'READ']], 'WRITE'],
  ['READ minus WRITE stays READ', [['grant', 'READ'], ['revoke', 'WRITE']], 'READ'],
  ['ALL minus ALL is nothing', [['grant', 'ALL'], ['revoke', 'ALL']], 'NO PRIVILEGES'],
  ['READ minus READ is nothing', [['grant', 'READ'], ['revoke', 'READ']], 'NO PRIVILEGES'],
  ['ALL minus WRITE minus READ is nothing', [['grant', 'ALL'], ['revoke', 'WRITE'], ['revoke', 'READ']], 'NO PRIVILEGES'],
  ['granting NO PRIVILEGES clears ALL', [['grant', 'ALL'], ['grant', 'NO PRIVILEGES']], 'NO PRIVILEGES'],
  ['NO PRIVILEGES then READ is READ', [['grant', 'NO PRIVILEGES'], ['grant', 'READ']], 'READ'],
  ['revoke without a grant is nothing', [['revoke', 'WRITE']], 'NO PRIVILEGES'],
];

export function userContract(ctx: ContractContext): void {
  let dbA = '';
  let dbB = '';
  const user = async (name: string): Promise<DbUser | undefined> =>
    (await ctx.adapter.listUsers()).find((u) => u.name === name);
  /** The grants as listed, with NO PRIVILEGES rows dropped where the backend cannot show them. */
  const expected = (grants: { database: string; privileges: Privilege }[]) =>
    grants.filter((g) => ctx.caps.noPrivilegesRows || g.privileges !== 'NO PRIVILEGES');

  beforeAll(async () => {
    [dbA, dbB] = [ctx.name('users-a'), ctx.name('users-b')];
    await ctx.adapter.createDatabase(dbA);
    await ctx.adapter.createDatabase(dbB);
  });

  it('createUser lists the user with sorted grants and never a password; a duplicate is 409', async () => {
    const name = ctx.name('alice');
    await ctx.adapter.createUser(name, 'secret-pw-1', [
      { database: dbB, privileges: 'WRITE' },
      { database: dbA, privileges: 'READ' },
    ]);
    const listed = await user(name);
    expect(listed).toEqual({
      name,
      grants: [
        { database: dbA, privileges: 'READ' },
        { database: dbB, privileges: 'WRITE' },
      ],
    });
    expect(JSON.stringify(await ctx.adapter.listUsers())).not.toContain('secret-pw-1');
    await expectStatus(ctx.adapter.createUser(name, 'other', []), 409);
  });

  it('createUser with no grants lists the user with an empty grant list', async () => {
    const name = ctx.name('nogrants');
    await ctx.adapter.createUser(name, 'pw', []);
    expect(await user(name)).toEqual({ name, grants: [] });
  });

  it('listUsers is sorted by name', async () => {
    const [b, a] = [ctx.name('sort-b'), ctx.name('sort-a')];
    await ctx.adapter.createUser(b, 'pw', []);
    await ctx.adapter.createUser(a, 'pw', []);
    const names = (await ctx.adapter.listUsers()).map((u) => u.name).filter((n) => n === a || n === b);
    expect(names).toEqual([a, b].sort());
  });

  it('createUser with one missing database is 404 and leaves no user behind', async () => {
    const name = ctx.name('halfway');
    const grants = [
      { database: dbA, privileges: 'READ' as const },
      { database: ctx.name('absent'), privileges: 'ALL' as const },
    ];
    await expectStatus(ctx.adapter.createUser(name, 'pw', grants), 404);
    expect(await user(name)).toBeUndefined();
    // The name is still free.
    await ctx.adapter.createUser(name, 'pw', []);
  });

  it('createUser refuses an empty name, an empty password and an unknown privilege with 400', async () => {
    await expectStatus(ctx.adapter.createUser('', 'pw', []), 400);
    await expectStatus(ctx.adapter.createUser(ctx.name('nopw'), '', []), 400);
    const name = ctx.name('badpriv');
    await expectStatus(
      ctx.adapter.createUser(name, 'pw', [{ database: dbA, privileges: 'SUPER' as Privilege }]),
      400,
    );
    expect(await user(name)).toBeUndefined();
  });

  it('awkward and hostile user names and passwords round-trip', async () => {
    for (const hint of [...awkwardNames(ctx.caps), 'x"; DROP USER "admin"; --']) {
      const name = ctx.name(hint);
      await ctx.adapter.createUser(name, `p'"; DROP USER "${name}"; --\n\\`, [{ database: dbA, privileges: 'READ' }]);
      expect(await user(name)).toEqual({ name, grants: [{ database: dbA, privileges: 'READ' }] });
      await ctx.adapter.setPassword(name, 'new\'"pw\\');
      await ctx.adapter.dropUser(name);
      expect(await user(name)).toBeUndefined();
    }
  });

  it.each(ALGEBRA)('grant algebra: %s', async (_label, steps, result) => {
    const name = ctx.name('algebra');
    await ctx.adapter.createUser(name, 'pw', [{ database: dbB, privileges: 'READ' }]);
    for (const [op, privilege] of steps) {
      if (op === 'grant') await ctx.adapter.grant(name, dbA, privilege);
      else await ctx.adapter.revoke(name, dbA, privilege);
    }
    // The grant on the other database is untouched.
    const grants = [
      { database: dbA, privileges: result },
      { database: dbB, privileges: 'READ' as const },
    ];
    expect((await user(name))?.grants).toEqual(expected(grants));
  });

  it('grant and revoke answer 404 for a missing user or database, 400 for an unknown privilege', async () => {
    const name = ctx.name('g404');
    await ctx.adapter.createUser(name, 'pw', []);
    await expectStatus(ctx.adapter.grant(ctx.name('ghost'), dbA, 'READ'), 404);
    await expectStatus(ctx.adapter.grant(name, ctx.name('nodb'), 'READ'), 404);
    await expectStatus(ctx.adapter.revoke(ctx.name('ghost'), dbA, 'READ'), 404);
    await expectStatus(ctx.adapter.revoke(name, ctx.name('nodb'), 'READ'), 404);
    await expectStatus(ctx.adapter.grant(name, dbA, 'read' as Privilege), 400);
    await expectStatus(ctx.adapter.revoke(name, dbA, 'NO PRIVILEGES' as RevocablePrivilege), 400);
    expect((await user(name))?.grants).toEqual([]);
  });

  it('dropping a database removes its grants from every user', async () => {
    const doomed = ctx.name('doomed');
    await ctx.adapter.createDatabase(doomed);
    const name = ctx.name('holder');
    await ctx.adapter.createUser(name, 'pw', [
      { database: doomed, privileges: 'ALL' },
      { database: dbA, privileges: 'WRITE' },
    ]);
    await ctx.adapter.dropDatabase(doomed);
    expect((await user(name))?.grants).toEqual([{ database: dbA, privileges: 'WRITE' }]);
    // A new database of the same name starts without the old grants.
    await ctx.adapter.createDatabase(doomed);
    expect((await user(name))?.grants).toEqual([{ database: dbA, privileges: 'WRITE' }]);
  });

  it('setPassword: succeeds for a user, 404 for a missing one, 400 for an empty password', async () => {
    const name = ctx.name('pw');
    await ctx.adapter.createUser(name, 'first', []);
    await ctx.adapter.setPassword(name, 'second');
    await expectStatus(ctx.adapter.setPassword(ctx.name('ghost'), 'x'), 404);
    await expectStatus(ctx.adapter.setPassword(name, ''), 400);
  });

  it('dropUser removes the user and its grants; a missing one is 404', async () => {
    const name = ctx.name('bye');
    await ctx.adapter.createUser(name, 'pw', [{ database: dbA, privileges: 'ALL' }]);
    await ctx.adapter.dropUser(name);
    expect(await user(name)).toBeUndefined();
    await expectStatus(ctx.adapter.dropUser(name), 404);
    // Re-creating the name does not resurrect old grants.
    await ctx.adapter.createUser(name, 'pw', []);
    expect((await user(name))?.grants).toEqual([]);
  });
}
