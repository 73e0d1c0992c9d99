// The embedded engine beyond the shared contract: what it does on disk (tsdata on a fresh fx.dataDir,
// generated file names, real sizes, hashed passwords, orphan cleanup), persistence across reopen,
// two adapters on one fx.dataDir, and its lifecycle.
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EmbeddedAdapter, embeddedVendor } from '../../../../src/tsdb/adapters/embedded/index.ts';
import { verifyPassword } from '../../../../src/tsdb/adapters/embedded/password.ts';
import { expectStatus } from '../../adapter-contract/index.ts';
import { points, useEmbeddedDir } from './support.ts';

const fx = useEmbeddedDir();
const adapter = fx.adapter;
const engineDir = fx.engineDir;
const dbFiles = fx.dbFiles;

describe('embedded engine on disk', () => {
  it('the factory does no I/O; the first call creates tsdata and answers an honest banner', async () => {
    const context = { dataDir: fx.dataDir, timeoutMs: 5000, logger: pino({ level: 'silent' }), secrets: undefined as never };
    const a = embeddedVendor.create({ vendor: 'embedded', uri: '' }, context);
    expect(embeddedVendor.label).toBeUndefined();
    await expect(stat(engineDir())).rejects.toThrow(/ENOENT/);
    expect(await a.testConnection()).toEqual({ is_connected: true, response: 'InfluxDB v1.8.10' });
    expect(await a.listDatabases()).toEqual([{ name: 'tsdata', size: expect.any(Number), measurements: [] }]);
    await a.close();
  });

  it('bootstraps only a fresh dataDir: a dropped tsdata stays dropped after reopening', async () => {
    const first = adapter();
    await first.dropDatabase('tsdata');
    await first.close();
    expect(await adapter().listDatabases()).toEqual([]);
  });

  it('an interrupted bootstrap (tsdata created, store not marked initialized) completes on reopen', async () => {
    const first = adapter();
    await first.listDatabases();
    await first.close();
    const meta = new DatabaseSync(path.join(engineDir(), 'meta.sqlite'));
    meta.exec("DELETE FROM settings WHERE key = 'initialized'");
    meta.close();
    expect((await adapter().listDatabases()).map((d) => d.name)).toEqual(['tsdata']);
  });

  it('bootstrapDatabases is an option', async () => {
    expect((await adapter({ bootstrapDatabases: ['a', 'b'] }).listDatabases()).map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('keeps database names out of file names and removes the files on drop', async () => {
    const a = adapter({ bootstrapDatabases: [] });
    await expectStatus(a.createDatabase('../../escape'), 400);
    await a.createDatabase('évil name; "--');
    const files = await dbFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^db-[0-9a-f-]{36}\.sqlite(-wal|-shm)?$/);
    expect((await readdir(fx.dataDir)).sort()).toEqual(['embedded']);
    await a.dropDatabase('évil name; "--');
    expect(await dbFiles()).toEqual([]);
  });

  it('size is the real bytes of the database file, its WAL and shm, and grows with writes', async () => {
    const a = adapter({ bootstrapDatabases: ['only'] });
    const sizeOf = async () => (await a.listDatabases())[0]!.size;
    const onDisk = async () => {
      let total = 0;
      for (const f of await dbFiles()) total += (await stat(path.join(engineDir(), f))).size;
      return total;
    };
    const before = await sizeOf();
    expect(before).toBe(await onDisk());
    await a.writePoints('only', points(5000));
    const after = await sizeOf();
    expect(after).toBe(await onDisk());
    expect(after).toBeGreaterThan(before);
  });

  it('stores scrypt hashes, never the password', async () => {
    const a = adapter();
    await a.createUser('u', 'first-secret', [{ database: 'tsdata', privileges: 'READ' }]);
    await a.setPassword('u', 'second-secret');
    await a.close();
    const raw = Buffer.concat(
      await Promise.all((await readdir(engineDir())).map((f) => readFile(path.join(engineDir(), f)))),
    ).toString('latin1');
    expect(raw).not.toContain('first-secret');
    expect(raw).not.toContain('second-secret');
    const meta = new DatabaseSync(path.join(engineDir(), 'meta.sqlite'), { readOnly: true });
    const row = meta.prepare('SELECT password_hash AS h FROM users WHERE name = ?').get('u') as { h: string };
    meta.close();
    expect(row.h).toMatch(/^scrypt\$/);
    expect(await verifyPassword('second-secret', row.h)).toBe(true);
    expect(await verifyPassword('first-secret', row.h)).toBe(false);
  });

  it('removes orphan database files left by a crash, and nothing else', async () => {
    const first = adapter();
    await first.listDatabases();
    await first.close();
    const orphan = `db-${randomUUID()}.sqlite`;
    await writeFile(path.join(engineDir(), orphan), 'x');
    await writeFile(path.join(engineDir(), 'notes.txt'), 'keep');
    const known = (await dbFiles()).filter((f) => f !== orphan && f.endsWith('.sqlite'));
    expect(known).toHaveLength(1);
    expect((await adapter().listDatabases()).map((d) => d.name)).toEqual(['tsdata']);
    const after = await dbFiles();
    expect(after).not.toContain(orphan);
    expect(after).toContain(known[0]);
    expect(await readdir(engineDir())).toContain('notes.txt');
  });
});

describe('embedded engine persistence and lifecycle', () => {
  it('a reopened dataDir shows the same databases, measurements and users', async () => {
    const a = adapter();
    await a.createDatabase('second db');
    await a.writePoints('tsdata', [...points(10, 'Dev1.ABC'), ...points(10, 'Anomaly')]);
    await a.createUser('reader', 'pw', [{ database: 'second db', privileges: 'READ' }]);
    await a.grant('reader', 'tsdata', 'ALL');
    await a.revoke('reader', 'tsdata', 'WRITE');
    const dbs = (await a.listDatabases()).map(({ name, measurements }) => ({ name, measurements }));
    const users = await a.listUsers();
    await a.close();
    const b = adapter();
    expect((await b.listDatabases()).map(({ name, measurements }) => ({ name, measurements }))).toEqual(dbs);
    expect(await b.listUsers()).toEqual(users);
    expect(users).toEqual([
      { name: 'reader', grants: [{ database: 'second db', privileges: 'READ' }, { database: 'tsdata', privileges: 'READ' }] },
    ]);
  });

  it('two adapters open on one dataDir see each other\'s changes', async () => {
    const [a, b] = [adapter(), adapter()];
    await a.writePoints('tsdata', points(5, 'm1'));
    expect((await b.listDatabases())[0]!.measurements).toEqual(['m1']);
    await b.dropMeasurement('tsdata', 'm1');
    expect((await a.listDatabases())[0]!.measurements).toEqual([]);
    await a.writePoints('tsdata', points(5, 'm1'));
    expect((await b.listDatabases())[0]!.measurements).toEqual(['m1']);
    await a.createDatabase('shared');
    await a.writePoints('shared', points(1));
    await b.dropDatabase('shared');
    await expectStatus(a.writePoints('shared', points(1)), 404);
    await b.createDatabase('shared');
    await a.writePoints('shared', points(1, 'fresh'));
    expect((await b.listDatabases()).find((d) => d.name === 'shared')?.measurements).toEqual(['fresh']);
  });

  it('a data directory it cannot open is a 503 naming the engine, and a failed connection test', async () => {
    const blocker = path.join(fx.dataDir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const a = new EmbeddedAdapter({ dataDir: blocker });
    const err = await expectStatus(a.listDatabases(), 503);
    expect(err.message).toMatch(/^embedded engine: cannot open its files: /);
    expect(await a.testConnection()).toMatchObject({ is_connected: false, response: expect.stringMatching(/ENOTDIR|EEXIST/) });
    await a.close();
  });

  it('refuses a write chunk size that is not a positive integer', () => {
    expect(() => new EmbeddedAdapter({ dataDir: fx.dataDir, writeChunkSize: 0 })).toThrow(/writeChunkSize/);
  });

  it('close is idempotent; afterwards calls fail with 503 and the test reports not connected', async () => {
    const a = adapter();
    await a.listDatabases();
    await a.close();
    await a.close();
    await expectStatus(a.listDatabases(), 503);
    expect((await a.testConnection()).is_connected).toBe(false);
  });
});
