// tokens.json on a real disk: hashes only, mode 0600, unique names, start-up bootstrap, and writers
// that do not lose each other's changes.
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ENV_ADMIN_NAME,
  GENERATED_ADMIN_NAME,
  TokenStoreError,
  bootstrapTokens,
  createToken,
  readTokens,
  revokeToken,
  tokenFilePath,
} from '../../src/auth/token-file.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { TEST_ADMIN_TOKEN, tempDir } from '../../support/auth.ts';

let dir: string;
let remove: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, remove } = await tempDir());
  file = tokenFilePath(`${dir}/data`);
});
afterEach(() => remove());

describe('token file', () => {
  it('stores a created token as its hash only, in a 0600 file under a new DATA_DIR', async () => {
    const token = await createToken(file, 'ui', 'read');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toContain(hashToken(token));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const [record] = await readTokens(file);
    expect(record).toMatchObject({ name: 'ui', role: 'read', hash: hashToken(token) });
    expect(Date.now() - Date.parse(record!.createdAt)).toBeLessThan(60_000);
  });

  it('refuses a duplicate name and a revoke of a missing name', async () => {
    await createToken(file, 'ui', 'read');
    await expect(createToken(file, 'ui', 'admin')).rejects.toThrow(/"ui" already exists/);
    await expect(revokeToken(file, 'nope')).rejects.toThrow(TokenStoreError);
    await revokeToken(file, 'ui');
    expect(await readTokens(file)).toEqual([]);
    await expect(revokeToken(file, 'ui')).rejects.toThrow(/no token named "ui"/);
  });

  it('keeps every change when writers overlap', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `t${i}`);
    await Promise.all(names.map((n) => createToken(file, n, 'read')));
    expect((await readTokens(file)).map((r) => r.name).sort()).toEqual(names);
  });

  it('breaks a lock left behind by a crashed writer', async () => {
    await createToken(file, 'first', 'read');
    await writeFile(`${file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    await createToken(file, 'second', 'read');
    expect((await readTokens(file)).map((r) => r.name)).toEqual(['first', 'second']);
  });

  it('names the file when it is not a token file', async () => {
    await createToken(file, 'ui', 'read');
    await writeFile(file, '{"tokens": [');
    await expect(readTokens(file)).rejects.toThrow(/tokens\.json is not a valid token file/);
  });
});

describe('bootstrapTokens', () => {
  it('generates one admin token for an empty store, and only then', async () => {
    const token = await bootstrapTokens(file, undefined);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await readTokens(file)).toMatchObject([{ name: GENERATED_ADMIN_NAME, role: 'admin', hash: hashToken(token!) }]);
    expect(await bootstrapTokens(file, undefined)).toBeUndefined();
    expect(await readTokens(file)).toHaveLength(1);
  });

  it('generates nothing when the CLI already made a token', async () => {
    await createToken(file, 'ui', 'read');
    expect(await bootstrapTokens(file, undefined)).toBeUndefined();
    expect((await readTokens(file)).map((r) => r.name)).toEqual(['ui']);
  });

  it('ensures ADMIN_TOKEN as an admin token and follows a changed value', async () => {
    expect(await bootstrapTokens(file, TEST_ADMIN_TOKEN)).toBeUndefined();
    const first = await readTokens(file);
    expect(first).toMatchObject([{ name: ENV_ADMIN_NAME, role: 'admin', hash: hashToken(TEST_ADMIN_TOKEN) }]);
    await bootstrapTokens(file, TEST_ADMIN_TOKEN);
    expect(await readTokens(file)).toEqual(first);
    await bootstrapTokens(file, 'another-admin-token-000000');
    expect(await readTokens(file)).toMatchObject([{ name: ENV_ADMIN_NAME, hash: hashToken('another-admin-token-000000') }]);
    expect(await readFile(file, 'utf8')).not.toContain('another-admin-token');
  });
});
