// The secret box (AES-256-GCM) and its key: from SECRET_KEY or a key file created once with mode 0600;
// the file-backed SecretStore the adapters use.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, SECRETS_FILE_NAME } from '../../src/secrets/file-secret-store.ts';
import { createSecretBox, KEY_FILE_NAME, loadSecretKey } from '../../src/secrets/secret-box.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'secret-box-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createSecretBox', () => {
  const box = createSecretBox(randomBytes(32));

  it.each(['', 'p', 'pässwörd ✓ with spaces', 'x'.repeat(5000)])('round-trips %j', (plain) => {
    const sealed = box.seal(plain);
    expect(sealed.startsWith('enc:v1:')).toBe(true);
    expect(box.open(sealed)).toBe(plain);
  });

  it('uses a fresh IV each time, so equal secrets do not look equal on disk', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value or another key, without echoing the sealed text', () => {
    const sealed = box.seal('secret');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow(/cannot decrypt/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/cannot decrypt/);
    expect(() => box.open('plain text')).toThrow(/not a sealed secret/);
    expect(() => box.open('enc:v1:abc')).toThrow(/malformed/);
  });

  it('rejects a key of the wrong size', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretKey', () => {
  it('creates the key file once with mode 0600 and reuses it', async () => {
    const first = await loadSecretKey(dir, undefined);
    const file = path.join(dir, KEY_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect((await loadSecretKey(dir, undefined)).equals(first)).toBe(true);
  });

  it('gives racing starts on one DATA_DIR the same key and leaves no temp file', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey(dir, undefined)));
    for (const k of keys) expect(k.equals(keys[0]!)).toBe(true);
    expect(await readdir(dir)).toEqual([KEY_FILE_NAME]);
  });

  it('prefers the configured key and writes no file then', async () => {
    const key = randomBytes(32);
    expect((await loadSecretKey(dir, key)).equals(key)).toBe(true);
    await expect(stat(path.join(dir, KEY_FILE_NAME))).rejects.toThrow(/ENOENT/);
  });

  it('fails with the file name on a corrupt key file', async () => {
    await writeFile(path.join(dir, KEY_FILE_NAME), 'not hex\n');
    await expect(loadSecretKey(dir, undefined)).rejects.toThrow(KEY_FILE_NAME);
  });
});

describe('FileSecretStore', () => {
  it('keeps values sealed on disk and reads them back after reopening', async () => {
    const box = createSecretBox(randomBytes(32));
    const store = await FileSecretStore.open(dir, box);
    expect(store.get('a')).toBeUndefined();
    await store.set('a', 'first-secret-value');
    await store.set('b', 'second-secret-value');
    await store.delete('b');
    await store.delete('never-set');
    const text = await readFile(path.join(dir, SECRETS_FILE_NAME), 'utf8');
    expect(text).not.toContain('secret-value');
    const reopened = await FileSecretStore.open(dir, box);
    expect(reopened.get('a')).toBe('first-secret-value');
    expect(reopened.get('b')).toBeUndefined();
  });

  it('refuses a malformed file rather than starting empty', async () => {
    await writeFile(path.join(dir, SECRETS_FILE_NAME), '{"entries": 5}');
    await expect(FileSecretStore.open(dir, createSecretBox(randomBytes(32)))).rejects.toThrow(/not a valid/);
  });
});
