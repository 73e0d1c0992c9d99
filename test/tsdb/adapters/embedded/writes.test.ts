// The embedded engine's writes and drops: chunked writes, background checkpoints, bad batches,
// a drop racing a chunked write, concurrent creates, and the background purge of dropped measurements.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, vi } from 'vitest';
import type { Point } from '../../../../src/tsdb/adapter.ts';
import { expectStatus } from '../../adapter-contract/index.ts';
import { points, useEmbeddedDir } from './support.ts';

const fx = useEmbeddedDir();
const adapter = fx.adapter;
const engineDir = fx.engineDir;
const dbFiles = fx.dbFiles;

describe('embedded engine writes and drops', () => {
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
    // One transaction: the checkpointer starts its worker when one 1 s poll sees 128+ new frames. In 2,000-point
    // chunks a loaded machine spread the ~500 frames over several polls, none saw a burst and the test failed.
    const a = adapter({ bootstrapDatabases: ['only'], writeChunkSize: 20_000 });
    await a.listDatabases();
    const main = path.join(engineDir(), (await dbFiles()).find((f) => f.endsWith('.sqlite'))!);
    const before = (await stat(main)).size;
    // ~2 MiB of WAL, far below the main connection's 4000-page autocheckpoint.
    await a.writePoints('only', points(20_000));
    // Then a new thread loads its module, opens the file and checkpoints: 5 s at a load average of 20 on 2 cores,
    // so the wait is bounded just under the test's own timeout (vitest.config.ts), where waitFor still reports.
    await vi.waitFor(async () => expect((await stat(main)).size).toBeGreaterThan(before), { timeout: 25_000 });
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
