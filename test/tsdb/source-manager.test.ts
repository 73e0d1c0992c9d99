// SourceManager on its own: defaults, adapter cache per settings change, serialized mutations,
// and a corrupt settings file stopping start-up instead of being overwritten.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.ts';
import type { DbSourceBody } from '../../src/schemas/tsdb.ts';
import { SETTINGS_FILE_NAME } from '../../src/tsdb/settings-store.ts';
import { SourceManager } from '../../src/tsdb/source-manager.ts';

const logger = pino({ level: 'silent' });
const v1 = (name: string, uri = 'http://127.0.0.1:8086'): DbSourceBody => ({
  db_vendor: 'influx_v1.x',
  name,
  db_uri: uri,
  description: undefined,
  db_username: 'u',
  db_password: 'p',
  db_influx2_auth_token: undefined,
  db_influx2_org_name: undefined,
});

let dir: string;
let manager: SourceManager | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sources-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('SourceManager', () => {
  it('starts internal, enabled, on tsdata with the embedded engine', async () => {
    manager = await SourceManager.open(testConfig({ dataDir: dir }), logger);
    expect(manager.info()).toEqual({ source: 'internal', is_enabled: true });
    const target = manager.unguardedTarget();
    expect(target).toMatchObject({ source: 'internal', enabled: true, database: 'tsdata' });
    expect(target.adapter.vendor).toBe('embedded');
  });

  it('builds an adapter once per settings change and keeps the internal one', async () => {
    manager = await SourceManager.open(testConfig({ dataDir: dir }), logger);
    const internal = manager.unguardedTarget().adapter;
    await manager.setSource('external', v1('a'));
    const first = manager.unguardedTarget().adapter;
    expect(manager.unguardedTarget().adapter).toBe(first);
    await manager.setEnabled(false);
    expect(manager.unguardedTarget().adapter).toBe(first);
    await manager.setSource('external', v1('b'));
    expect(manager.unguardedTarget().adapter).not.toBe(first);
    await manager.setSource('internal', v1('tsdata'));
    expect(manager.unguardedTarget().adapter).toBe(internal);
  });

  it('applies concurrent changes one at a time, last call wins', async () => {
    manager = await SourceManager.open(testConfig({ dataDir: dir }), logger);
    await Promise.all([manager.setEnabled(false), manager.setSource('external', v1('x')), manager.setEnabled(true)]);
    expect(manager.info()).toEqual({ source: 'external', is_enabled: true });
    await manager.close();
    manager = await SourceManager.open(testConfig({ dataDir: dir }), logger);
    expect(manager.info()).toEqual({ source: 'external', is_enabled: true });
    expect(manager.unguardedTarget().database).toBe('x');
  });

  it('rejects a change that fails validation without touching the state', async () => {
    manager = await SourceManager.open(testConfig({ dataDir: dir }), logger);
    await expect(manager.setSource('internal', { ...v1('n'), db_vendor: 'influx_v2.x' })).rejects.toMatchObject({ statusCode: 400 });
    expect(manager.unguardedTarget()).toMatchObject({ source: 'internal', database: 'tsdata' });
  });

  it('refuses to start on a corrupt settings file', async () => {
    await writeFile(path.join(dir, SETTINGS_FILE_NAME), '{"version":1,"source":"nowhere"}');
    await expect(SourceManager.open(testConfig({ dataDir: dir }), logger)).rejects.toThrow(SETTINGS_FILE_NAME);
  });

  it('refuses to start with another SECRET_KEY than the one the secrets were sealed with', async () => {
    manager = await SourceManager.open(testConfig({ dataDir: dir, secretKey: randomBytes(32) }), logger);
    await manager.setSource('external', v1('x'));
    await manager.close();
    manager = undefined;
    await expect(SourceManager.open(testConfig({ dataDir: dir, secretKey: randomBytes(32) }), logger)).rejects.toThrow(/SECRET_KEY/);
  });

  it('closes idempotently', async () => {
    const m = await SourceManager.open(testConfig({ dataDir: dir }), logger);
    await m.close();
    await m.close();
  });
});
