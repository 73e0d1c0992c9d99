// The embedded engine beyond the shared contract: what it does on disk (tsdata on a fresh dataDir,
// generated file names, real sizes, hashed passwords), persistence across reopen, chunked writes,
// close, and races between a chunked write and a drop.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Point } from '../../src/tsdb/adapter.ts';
import { EmbeddedAdapter, embeddedVendor } from '../../src/tsdb/adapters/embedded/index.ts';
import { verifyPassword } from '../../src/tsdb/adapters/embedded/password.ts';
import { expectStatus } from '../contract/adapter-contract.ts';

let dataDir = '';
const open: EmbeddedAdapter[] = [];
const adapter = (options: { bootstrapDatabases?: string[]; writeChunkSize?: number; backgroundCheckpoints?: boolean } = {}) => {
  const a = new EmbeddedAdapter({ dataDir, ...options });
  open.push(a);
  return a;
};
const engineDir = () => path.join(dataDir, 'embedded');
const dbFiles = async () => (await readdir(engineDir())).filter((f) => f.startsWith('db-')).sort();
const points = (n: number, measurement = 'm', t0 = 1_700_000_000_000): Point[] =>
  Array.from({ length: n }, (_, i) => ({ measurement, tags: { tag: `t${i % 3}` }, fields: { v: i }, timestampMs: t0 + i }));

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-'));
});
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded engine on disk', () => {
  it('the factory does no I/O; the first call creates tsdata and answers an honest banner', async () => {
    const context = { dataDir, timeoutMs: 5000, logger: pino({ level: 'silent' }), secrets: undefined as never };
    const a = embeddedVendor.create({ vendor: 'embedded', uri: '' }, context);
    expect(embeddedVendor.label).toBeUndefined();
    await expect(stat(engineDir())).rejects.toThrow(/ENOENT/);
    expect(await a.testConnection()).toEqual({ is_connected: true, response: expect.stringMatching(/^Embedded SQLite \d+\.\d+\.\d+$/) });
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
    expect((await readdir(dataDir)).sort()).toEqual(['embedded']);
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
    const blocker = path.join(dataDir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const a = new EmbeddedAdapter({ dataDir: blocker });
    const err = await expectStatus(a.listDatabases(), 503);
    expect(err.message).toMatch(/^embedded engine: cannot open its files: /);
    expect(await a.testConnection()).toMatchObject({ is_connected: false, response: expect.stringMatching(/ENOTDIR|EEXIST/) });
    await a.close();
  });

  it('refuses a write chunk size that is not a positive integer', () => {
    expect(() => new EmbeddedAdapter({ dataDir, writeChunkSize: 0 })).toThrow(/writeChunkSize/);
  });

  it('close is idempotent; afterwards calls fail with 503 and the test reports not connected', async () => {
    const a = adapter();
    await a.listDatabases();
    await a.close();
    await a.close();
    await expectStatus(a.listDatabases(), 503);
    expect((await a.testConnection()).is_connected).toBe(false);
  });

  it('writes large batches in chunks and keeps every point; same series and time merge fields', async () => {
    const a = adapter({ writeChunkSize: 100 });
    await a.writePoints('tsdata', points(1050));
    await a.writePoints('tsdata', [{ measurement: 'm', tags: { tag: 't0' }, fields: { extra: 'x' }, timestampMs: 1_700_000_000_000 }]);
    await a.close();
    const db = new DatabaseSync(path.join(engineDir(), (await dbFiles())[0]!), { readOnly: true });
    const count = db.prepare('SELECT count(*) AS n FROM samples_1').get() as { n: number };
    const merged = db.prepare('SELECT fields FROM samples_1 ORDER BY ts LIMIT 1').get() as { fields: string };
    db.close();
    expect(count.n).toBe(1050);
    expect(JSON.parse(merged.fields)).toEqual({ v: 0, extra: 'x' });
  });

  it('WAL checkpoints run on the worker thread: the database file grows without a main-thread checkpoint', async () => {
    const a = adapter({ bootstrapDatabases: ['only'] });
    await a.listDatabases();
    const main = path.join(engineDir(), (await dbFiles()).find((f) => f.endsWith('.sqlite'))!);
    const before = (await stat(main)).size;
    // ~2 MiB of WAL, far below the main connection's 4000-page autocheckpoint.
    await a.writePoints('only', points(20_000));
    await vi.waitFor(async () => expect((await stat(main)).size).toBeGreaterThan(before), { timeout: 10_000 });
  });

  it('without background checkpoints small writes stay in the WAL', async () => {
    const a = adapter({ bootstrapDatabases: ['only'], backgroundCheckpoints: false });
    await a.listDatabases();
    const main = path.join(engineDir(), (await dbFiles()).find((f) => f.endsWith('.sqlite'))!);
    const before = (await stat(main)).size;
    await a.writePoints('only', points(20_000));
    expect((await stat(main)).size).toBe(before);
    expect((await stat(`${main}-wal`)).size).toBeGreaterThan(0);
  });

  it('a bad point fails the whole batch with 400 and writes nothing', async () => {
    const a = adapter();
    const bad = { ...points(1)[0]!, fields: { v: {} } } as unknown as Point;
    await expectStatus(a.writePoints('tsdata', [...points(3), bad]), 400);
    expect((await a.listDatabases())[0]!.measurements).toEqual([]);
  });

  it('a database dropped during a chunked write stops the write with 404 and leaves no file', async () => {
    const a = adapter({ bootstrapDatabases: ['doomed'], writeChunkSize: 10 });
    await a.listDatabases();
    // The first chunk is written synchronously; the drop lands before the second.
    const write = expectStatus(a.writePoints('doomed', points(1000)), 404);
    await a.dropDatabase('doomed');
    await write;
    expect(await dbFiles()).toEqual([]);
  });

  it('two concurrent createUser calls with one name: one succeeds, the other is 409', async () => {
    const a = adapter();
    const results = await Promise.allSettled([a.createUser('twin', 'a', []), a.createUser('twin', 'b', [])]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ statusCode: 409 });
  });

  it('dropping a big measurement hides it at once and purges its samples in the background', async () => {
    const a = adapter({ bootstrapDatabases: ['big'] });
    await a.writePoints('big', [...points(30_000, 'huge'), ...points(10, 'small')]);
    await a.dropMeasurement('big', 'huge');
    expect((await a.listDatabases())[0]!.measurements).toEqual(['small']);
    const file = path.join(engineDir(), (await dbFiles()).find((f) => f.endsWith('.sqlite'))!);
    const tables = () => {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
          .map((r) => r.name)
          .filter((n) => n.startsWith('trash_') || n.startsWith('samples_'));
      } finally {
        db.close();
      }
    };
    await vi.waitFor(() => expect(tables()).toEqual(['samples_2']), { timeout: 10_000 });
    await a.writePoints('big', points(5, 'huge'));
    expect((await a.listDatabases())[0]!.measurements).toEqual(['huge', 'small']);
  });

  it('a purge cut short by close resumes when the database is opened again', async () => {
    const first = adapter({ bootstrapDatabases: ['big'] });
    await first.writePoints('big', points(30_000, 'huge'));
    await first.dropMeasurement('big', 'huge');
    await first.close();
    const file = path.join(engineDir(), (await dbFiles()).find((f) => f.endsWith('.sqlite'))!);
    const trash = () => {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        return db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'trash%'").get() as { n: number };
      } finally {
        db.close();
      }
    };
    expect(trash().n).toBe(1);
    const second = adapter();
    expect((await second.listDatabases())[0]!.measurements).toEqual([]);
    await vi.waitFor(() => expect(trash().n).toBe(0), { timeout: 10_000 });
  });

  it('dropping a measurement frees its name for new points', async () => {
    const a = adapter();
    await a.writePoints('tsdata', points(10, 'dev'));
    await a.dropMeasurement('tsdata', 'dev');
    expect((await a.listDatabases())[0]!.measurements).toEqual([]);
    await a.writePoints('tsdata', points(5, 'dev'));
    expect((await a.listDatabases())[0]!.measurements).toEqual(['dev']);
  });
});
