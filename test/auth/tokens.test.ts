// The pure parts of the token store, table-driven: the tokens.json parser, names, lookup, CLI args.
import { describe, expect, it } from 'vitest';
import { UsageError, parseCommand } from '../../src/auth/token-cli.ts';
import { CredentialFileError, nameProblem } from '../../src/auth/credential-records.ts';
import { findByToken, generateToken, hashToken, makeRecord, parseTokenFile, serializeTokenFile } from '../../src/auth/tokens.ts';

const HASH = 'a'.repeat(64);
const ok = { name: 'ui', role: 'read', hash: HASH, created_at: '2024-01-02T03:04:05.000Z' };

describe('parseTokenFile', () => {
  it('reads a missing file as no tokens', () => {
    expect(parseTokenFile(undefined)).toEqual([]);
  });

  it('round-trips through serializeTokenFile', () => {
    const records = [makeRecord('a', 'admin', 'x'.repeat(20)), makeRecord('b.c', 'read', 'y'.repeat(20))];
    expect(parseTokenFile(JSON.parse(JSON.stringify(serializeTokenFile(records))))).toEqual(records);
  });

  it.each([
    ['null', null, /tokens/],
    ['an array', [], /tokens/],
    ['no tokens key', {}, /tokens/],
    ['tokens not an array', { tokens: {} }, /tokens/],
    ['an entry that is a string', { tokens: ['x'] }, /tokens\[0\]: not an object/],
    ['a missing name', { tokens: [{ ...ok, name: undefined }] }, /bad name/],
    ['a name with a space', { tokens: [{ ...ok, name: 'a b' }] }, /bad name/],
    ['a duplicate name', { tokens: [ok, ok] }, /tokens\[1\]: duplicate name "ui"/],
    ['an unknown role', { tokens: [{ ...ok, role: 'root' }] }, /role/],
    ['a short hash', { tokens: [{ ...ok, hash: 'abc' }] }, /hash/],
    ['an uppercase hash', { tokens: [{ ...ok, hash: 'A'.repeat(64) }] }, /hash/],
    ['a bad date', { tokens: [{ ...ok, created_at: 'yesterday' }] }, /created_at/],
  ])('rejects %s', (_what, value, message) => {
    expect(() => parseTokenFile(value)).toThrow(CredentialFileError);
    expect(() => parseTokenFile(value)).toThrow(message);
  });
});

describe('names', () => {
  it.each(['a', 'env-admin', 'grafana.prod_2', 'x'.repeat(64)])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });
  it.each(['', ' a', 'a b', '-a', '.a', 'a/b', 'é', 'x'.repeat(65)])('rejects %j', (name) => {
    expect(nameProblem(name)).toMatch(/1-64 characters/);
  });
});

describe('tokens and lookup', () => {
  it('generates distinct tokens that fit a Basic auth username', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
  });

  it('finds the identity whose hash matches, and nothing for other tokens', () => {
    const entries = [
      { hash: Buffer.from(hashToken('first-token-000000'), 'hex'), identity: { name: 'a', role: 'admin' as const } },
      { hash: Buffer.from(hashToken('second-token-00000'), 'hex'), identity: { name: 'b', role: 'read' as const } },
    ];
    expect(findByToken(entries, 'second-token-00000')).toEqual({ name: 'b', role: 'read' });
    expect(findByToken(entries, 'first-token-000000')).toEqual({ name: 'a', role: 'admin' });
    expect(findByToken(entries, 'first-token-00000')).toBeUndefined();
    expect(findByToken(entries, '')).toBeUndefined();
    expect(findByToken([], 'first-token-000000')).toBeUndefined();
  });
});

describe('parseCommand', () => {
  it.each([
    [['create', '--name', 'ui', '--role', 'read'], { kind: 'create', name: 'ui', role: 'read' }],
    [['create', '--role=admin', '--name=ops'], { kind: 'create', name: 'ops', role: 'admin' }],
    [['list'], { kind: 'list' }],
    [['revoke', '--name', 'ui'], { kind: 'revoke', name: 'ui' }],
    [['--help'], { kind: 'help' }],
    [['help'], { kind: 'help' }],
  ])('parses %j', (argv, command) => {
    expect(parseCommand(argv)).toEqual(command);
  });

  it.each([
    [[], /missing command/],
    [['frob'], /unknown command "frob"/],
    [['create', '--name', 'ui'], /--role admin or --role read/],
    [['create', '--name', 'ui', '--role', 'root'], /--role admin or --role read/],
    [['create', '--role', 'read'], /needs --name/],
    [['revoke'], /needs --name/],
    [['revoke', '--name', 'ui', '--role', 'read'], /no --role/],
    [['list', '--name', 'ui'], /no --name/],
    [['list', 'extra'], /unexpected argument "extra"/],
    [['create', '--name'], /argument missing|--name/],
    [['create', '--colour', 'red'], /Unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
