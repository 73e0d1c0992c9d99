// Settings persistence: defaults on a fresh DATA_DIR, atomic round-trip, secrets sealed at rest.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/secrets/secret-box.ts';
import {
  defaultSettings,
  parseSettings,
  serializeSettings,
  SETTINGS_FILE_NAME,
  SettingsStore,
  type InitialInternal,
  type TsdbSettings,
} from '../../src/tsdb/settings-store.ts';

const box = createSecretBox(randomBytes(32));
const initial: InitialInternal = { uri: 'http://127.0.0.1:8086', username: undefined, password: undefined };
const external: TsdbSettings = {
  source: 'external',
  is_enabled: false,
  internal: { name: 'tsdata', description: '', uri: 'http://10.17.8.9:8086', username: 'iu', password: 'internal-pw-plain-value' },
  external: {
    vendor: 'influx_v2.x',
    uri: 'http://10.17.8.50:8086',
    name: 'bucket',
    description: 'remote',
    username: 'u',
    password: 'pw-plain-value',
    token: 'token-plain-value',
    org: 'org',
  },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('serializeSettings / parseSettings', () => {
  it('round-trips and seals password and token', () => {
    const doc = serializeSettings(external, box);
    expect(JSON.stringify(doc)).not.toMatch(/plain-value/);
    expect(parseSettings(doc, box, initial)).toEqual(external);
  });

  it.each([null, {}, { version: 2 }, { ...serializeSettings(external, box), source: 'elsewhere' }])(
    'throws on a malformed document %#',
    (raw) => {
      expect(() => parseSettings(raw, box, initial)).toThrow(SETTINGS_FILE_NAME);
    },
  );
});

describe('SettingsStore', () => {
  it('answers the defaults on a fresh DATA_DIR: internal, enabled, tsdata', async () => {
    const settings = await new SettingsStore(dir, box, initial).load();
    expect(settings).toEqual(defaultSettings(initial));
    expect(settings).toMatchObject({ source: 'internal', is_enabled: true, internal: { name: 'tsdata', uri: initial.uri } });
  });

  it('gives a file written before the internal source had an address the first start one', async () => {
    const old = { version: 1, source: 'internal', is_enabled: true, internal: { name: 'kept', description: 'd' } };
    await writeFile(path.join(dir, SETTINGS_FILE_NAME), JSON.stringify(old));
    const from = { uri: 'http://influx.example:8086', username: 'env-user', password: 'env-pw' };
    expect((await new SettingsStore(dir, box, from).load()).internal).toEqual({ name: 'kept', description: 'd', ...from });
  });

  it('saves and loads, with no secret in clear on disk', async () => {
    await new SettingsStore(dir, box, initial).save(external);
    const text = await readFile(path.join(dir, SETTINGS_FILE_NAME), 'utf8');
    expect(text).not.toContain('pw-plain-value');
    expect(text).toContain('http://10.17.8.9:8086');
    expect(text).not.toContain('token-plain-value');
    expect(await new SettingsStore(dir, box, initial).load()).toEqual(external);
  });

  it('refuses to start from a corrupt file', async () => {
    await writeFile(path.join(dir, SETTINGS_FILE_NAME), '{ not json');
    await expect(new SettingsStore(dir, box, initial).load()).rejects.toThrow();
  });
});
