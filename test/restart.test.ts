// Persistence across a restart: two apps built one after the other on one DATA_DIR; the state files
// hold no secret in clear and the generated key file is private.
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME } from '../src/secrets/secret-box.ts';
import { startApp, tempDataDir, v1Source } from '../support/test-app.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('restart on one DATA_DIR', () => {
  it('keeps state, source settings, databases and users; secrets only encrypted at rest', async () => {
    dir = await tempDataDir();
    const first = await startApp(dir);
    const calls = [
      { method: 'POST', url: '/stats/db', payload: { dbName: 'kept db' } },
      { method: 'POST', url: '/stats/users', payload: { name: 'keeper', password: 'user-pw-at-rest', grants: [{ database: 'kept db', privileges: 'ALL' }] } },
      { method: 'PUT', url: '/stats/tsdb/dbsource/internal', payload: { db_vendor: 'influx_v1.x', name: 'kept db', db_uri: 'http://localhost:8086' } },
      { method: 'PUT', url: '/stats/tsdb/dbsource/external', payload: v1Source('http://10.17.8.50:8086', { db_password: 'source-pw-at-rest' }) },
      { method: 'PUT', url: '/stats/tsdb/state/disable' },
    ] as const;
    for (const call of calls) {
      expect((await first.request(call)).statusCode, call.url).toBe(204);
    }
    await first.close();

    const second = await startApp(dir);
    try {
      expect((await second.request({ method: 'GET', url: '/stats/tsdb' })).json()).toEqual({ source: 'external', is_enabled: false });
      expect(second.app.sources.unguardedTarget()).toMatchObject({ source: 'external', database: 'remote', enabled: false });
      // Back to internal: its name survived too, and the embedded data is still there.
      await second.request({ method: 'PUT', url: '/stats/tsdb/dbsource/internal', payload: { db_vendor: 'influx_v1.x', name: 'kept db', db_uri: 'http://localhost:8086' } });
      expect(second.app.sources.unguardedTarget()).toMatchObject({ source: 'internal', database: 'kept db' });
      const dbs = (await second.request({ method: 'GET', url: '/stats/db' })).json<{ name: string }[]>();
      expect(dbs.map((d) => d.name)).toEqual(['kept db', 'tsdata']);
      expect((await second.request({ method: 'GET', url: '/stats/users' })).json()).toEqual([
        { name: 'keeper', grants: [{ database: 'kept db', privileges: 'ALL' }] },
      ]);
    } finally {
      await second.close();
    }

    expect((await stat(path.join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    for (const file of await allFiles(dir)) {
      const bytes = await readFile(file);
      expect(bytes.includes('source-pw-at-rest'), file).toBe(false);
      expect(bytes.includes('user-pw-at-rest'), file).toBe(false);
    }
  });
});
