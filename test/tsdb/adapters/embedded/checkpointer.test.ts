// The embedded engine's checkpointer: the -shm header parser on inline bytes, and on real SQLite files
// that a trickle is checkpointed on the main thread with no worker while a burst starts the worker.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkpointer, walBacklog } from '../../../../src/tsdb/adapters/embedded/checkpointer.ts';

function header(o: { version?: number; init?: number; mxFrame: number; nBackfill: number; le?: boolean }): Uint8Array {
  const b = new Uint8Array(136);
  const v = new DataView(b.buffer);
  const le = o.le ?? true;
  for (const base of [0, 48]) {
    v.setUint32(base, o.version ?? 3007000, le);
    v.setUint8(base + 12, o.init ?? 1);
    v.setUint32(base + 16, o.mxFrame, le);
  }
  v.setUint32(96, o.nBackfill, le);
  return b;
}

describe('walBacklog', () => {
  const torn = header({ mxFrame: 10, nBackfill: 0 });
  torn[16] = 11;
  it.each([
    ['frames not yet backfilled', header({ mxFrame: 900, nBackfill: 100 }), 800],
    ['fully checkpointed', header({ mxFrame: 900, nBackfill: 900 }), 0],
    ['nBackfill ahead (never negative)', header({ mxFrame: 5, nBackfill: 9 }), 0],
    ['uninitialised index', header({ init: 0, mxFrame: 7, nBackfill: 0 }), 0],
    ['empty file', new Uint8Array(0), 0],
    ['short zeroed file', new Uint8Array(40), 0],
    ['short file with data', new Uint8Array([1, 2, 3]), undefined],
    ['unknown version', header({ version: 3007001, mxFrame: 9, nBackfill: 0 }), undefined],
    ['header copies differ (torn read)', torn, undefined],
  ])('%s', (_name, bytes, expected) => {
    expect(walBacklog(bytes, true)).toBe(expected);
  });

  it('reads big-endian headers when the host is big-endian', () => {
    expect(walBacklog(header({ mxFrame: 300, nBackfill: 44, le: false }), false)).toBe(256);
  });
});

describe('Checkpointer on real SQLite files', () => {
  let dir: string;
  const open: { cp: Checkpointer; db: DatabaseSync }[] = [];

  function setup(options: ConstructorParameters<typeof Checkpointer>[1]) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'));
    const file = path.join(dir, 'db.sqlite');
    const db = new DatabaseSync(file);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x BLOB)');
    const cp = new Checkpointer(undefined, { pollMs: 50, ...options });
    cp.watch(file);
    open.push({ cp, db });
    // Each row is close to a page, so `frames` rows are about that many WAL frames.
    const write = (frames: number) => {
      db.exec('BEGIN');
      for (let i = 0; i < frames; i++) db.exec('INSERT INTO t VALUES (randomblob(3500))');
      db.exec('COMMIT');
    };
    return { cp, file, write, size: () => statSync(file).size };
  }

  afterEach(async () => {
    for (const { cp, db } of open.splice(0)) {
      await cp.close();
      db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backlog below a burst is checkpointed on the main thread, no worker started', async () => {
    const { cp, write, size } = setup({ burstFrames: 1_000_000, mainFrames: 50 });
    const before = size();
    write(100);
    await vi.waitFor(() => expect(size()).toBeGreaterThan(before), { timeout: 5000 });
    expect(cp.workerRunning).toBe(false);
  });

  it('nothing is checkpointed while the backlog stays under mainFrames and no burst came', async () => {
    const { cp, write, size, file } = setup({ burstFrames: 1_000_000, mainFrames: 1_000_000 });
    const before = size();
    write(100);
    // Several polls pass; the backlog is still all there.
    await new Promise((r) => setTimeout(r, 300));
    expect(size()).toBe(before);
    expect(cp.workerRunning).toBe(false);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(100 * 3500);
  });

  it('a burst starts the worker, which checkpoints; unwatch and close end it', async () => {
    const { cp, write, size, file } = setup({ burstFrames: 128, mainFrames: 1_000_000 });
    const before = size();
    write(300);
    await vi.waitFor(() => expect(cp.workerRunning).toBe(true), { timeout: 5000 });
    await vi.waitFor(() => expect(size()).toBeGreaterThan(before), { timeout: 5000 });
    await cp.unwatch(file);
    await cp.close();
    expect(cp.workerRunning).toBe(false);
  });
});
