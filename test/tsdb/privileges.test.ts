// Table tests for the document's grant arithmetic (src/tsdb/privileges.ts), which every adapter uses: bits,
// GRANT adds, REVOKE bit-clears, NO PRIVILEGES clears, and the 400s for values the document does not list.
import { describe, expect, it } from 'vitest';
import {
  afterGrant, afterRevoke, checkCreateUser, checkPrivilege, checkRevocable, fromBits, grantBitsByDatabase, toBits,
} from '../../src/tsdb/privileges.ts';
import { statusOf } from '../../support/app-error.ts';

describe('privilege bits', () => {
  it.each([
    ['NO PRIVILEGES', 0],
    ['READ', 1],
    ['WRITE', 2],
    ['ALL', 3],
  ] as const)('%s is %i and back', (privilege, bits) => {
    expect(toBits(privilege)).toBe(bits);
    expect(fromBits(bits)).toBe(privilege);
  });

  it('READ | WRITE is ALL, ALL & ~WRITE is READ', () => {
    expect(fromBits(toBits('READ') | toBits('WRITE'))).toBe('ALL');
    expect(fromBits(toBits('ALL') & ~toBits('WRITE'))).toBe('READ');
  });

  it.each([
    [undefined, 'READ', 1],
    [1, 'WRITE', 3],
    [2, 'READ', 3],
    [3, 'READ', 3],
    [3, 'NO PRIVILEGES', 0],
    [undefined, 'NO PRIVILEGES', 0],
    [0, 'ALL', 3],
  ] as const)('grant: %s + %s = %i', (current, privilege, expected) => {
    expect(afterGrant(current, privilege)).toBe(expected);
  });

  it.each([
    [3, 'WRITE', 1],
    [3, 'READ', 2],
    [3, 'ALL', 0],
    [1, 'WRITE', 1],
    [1, 'READ', 0],
    [undefined, 'WRITE', 0],
    [0, 'ALL', 0],
  ] as const)('revoke: %s - %s = %i', (current, privilege, expected) => {
    expect(afterRevoke(current, privilege)).toBe(expected);
  });
});

describe('privilege checks', () => {
  it.each(['READ', 'WRITE', 'ALL', 'NO PRIVILEGES'])('grant takes %j', (p) => {
    expect(statusOf(() => checkPrivilege(p))).toBe(0);
  });
  it.each(['read', 'ALL PRIVILEGES', '', undefined, 3])('grant refuses %j with 400', (p) => {
    expect(statusOf(() => checkPrivilege(p))).toBe(400);
  });
  it.each(['READ', 'WRITE', 'ALL'])('revoke takes %j', (p) => {
    expect(statusOf(() => checkRevocable(p))).toBe(0);
  });
  it.each(['NO PRIVILEGES', 'write', null])('revoke refuses %j with 400', (p) => {
    expect(statusOf(() => checkRevocable(p))).toBe(400);
  });
});

describe('a create-user request', () => {
  it('adds up a database named twice, like consecutive grants; NO PRIVILEGES clears what came before it', () => {
    const bits = grantBitsByDatabase([
      { database: 'a', privileges: 'READ' },
      { database: 'b', privileges: 'ALL' },
      { database: 'a', privileges: 'WRITE' },
      { database: 'b', privileges: 'NO PRIVILEGES' },
      { database: 'c', privileges: 'NO PRIVILEGES' },
      { database: 'c', privileges: 'READ' },
    ]);
    expect(Object.fromEntries(bits)).toEqual({ a: 3, b: 0, c: 1 });
  });

  it.each([
    ['a valid one', 'u', 'pw', [{ database: 'db', privileges: 'READ' }], 0],
    ['no grants', 'u', 'pw', [], 0],
    ['an empty name', '', 'pw', [], 400],
    ['the name ..', '..', 'pw', [], 400],
    ['an empty password', 'u', '', [], 400],
    ['a password with NUL', 'u', 'p\u0000', [], 400],
    ['grants that are not a list', 'u', 'pw', {}, 400],
    ['a grant on an invalid database name', 'u', 'pw', [{ database: 'a/b', privileges: 'READ' }], 400],
    ['an unknown privilege', 'u', 'pw', [{ database: 'db', privileges: 'SUPER' }], 400],
  ])('checkCreateUser: %s', (_label, name, password, grants, expected) => {
    expect(statusOf(() => checkCreateUser(name, password, grants))).toBe(expected);
  });
});
