// Keeps SQLite WAL checkpoints off the event loop under write load without a resident thread at rest:
// a burst of WAL frames starts a checkpoint worker thread; a trickle is checkpointed here, rarely.
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { CheckpointReply, CheckpointRequest } from './checkpoint-worker.ts';

/** The wal-index header and checkpoint info at the start of the -shm file (sqlite.org/walformat.html §2.2). */
const SHM_HEAD_BYTES = 136;
const WAL_INDEX_VERSION = 3007000;

/**
 * Frames in the WAL not yet copied into the database (mxFrame - nBackfill), read from the -shm header;
 * 0 for an uninitialised index, undefined when the bytes are not a wal-index we know or the two header
 * copies differ (a read torn by a concurrent commit). SQLite writes this file in native byte order.
 */
export function walBacklog(head: Uint8Array, littleEndian = endianness() === 'LE'): number | undefined {
  if (head.length < SHM_HEAD_BYTES) return head.every((b) => b === 0) ? 0 : undefined;
  const view = new DataView(head.buffer, head.byteOffset, SHM_HEAD_BYTES);
  if (view.getUint8(12) === 0) return 0;
  if (view.getUint32(0, littleEndian) !== WAL_INDEX_VERSION) return undefined;
  for (let i = 0; i < 48; i++) if (head[i] !== head[48 + i]) return undefined;
  return Math.max(0, view.getUint32(16, littleEndian) - view.getUint32(96, littleEndian));
}

function readBacklog(file: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(`${file}-shm`, 'r');
  } catch (err) {
    // No -shm yet: no connection has opened the WAL, so nothing waits to be checkpointed.
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : undefined;
  }
  try {
    const head = Buffer.alloc(SHM_HEAD_BYTES);
    const read = () => walBacklog(head.subarray(0, readSync(fd, head, 0, SHM_HEAD_BYTES, 0)));
    // A second read gets past a header torn by a commit; undefined twice is a format we do not know.
    return read() ?? read();
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export interface CheckpointerOptions {
  /** The worker's checkpoint period. */
  intervalMs?: number;
  /** How often the main thread reads the -shm headers while no worker runs (136 bytes per database). */
  pollMs?: number;
  /** Growth within one poll that marks a heavy writer and starts the worker. */
  burstFrames?: number;
  /** Backlog (frames, 4 KiB each) checkpointed on the main thread when no worker runs: a PASSIVE
   *  checkpoint of 1000 frames took 9-16 ms here, against 40-60 ms for the main connection's own
   *  4000-frame autocheckpoint, which it comes before. */
  mainFrames?: number;
}

/**
 * Commits that checkpointed on the main thread were the slow ones under load (30-90 ms, fsync-bound),
 * hence the worker, which checkpoints every 200 ms once started. But a thread costs ~8 MB of RSS that
 * stays after it exits (measured), a tenth of the idle budget, so a trickle of writes (the default
 * simulator: ~3 frames/s) never starts it: its backlog is checkpointed here every few minutes.
 */
export class Checkpointer {
  readonly #logger: Logger | undefined;
  readonly #options: Required<CheckpointerOptions>;
  /** Watched files and the backlog each had at the last poll. */
  readonly #files = new Map<string, number>();
  readonly #pending = new Map<number, () => void>();
  #poll: NodeJS.Timeout | undefined;
  #worker: Worker | undefined;
  #exited: Promise<void> = Promise.resolve();
  #nextId = 0;
  #closed = false;

  constructor(logger: Logger | undefined, options: CheckpointerOptions = {}) {
    this.#logger = logger;
    this.#options = { intervalMs: 200, pollMs: 1000, burstFrames: 128, mainFrames: 1000, ...options };
    this.#startPolling();
  }

  /** True once a burst started the worker thread (until close, or the worker dies). */
  get workerRunning(): boolean {
    return this.#worker !== undefined;
  }

  watch(file: string): void {
    if (this.#files.has(file)) return;
    // Growth is counted from now: a backlog left by an earlier run is not a burst.
    this.#files.set(file, readBacklog(file) ?? 0);
    this.#send({ type: 'watch', file });
  }

  /** Resolves once no worker holds a connection to `file` (so the file can be removed). */
  unwatch(file: string): Promise<void> {
    this.#files.delete(file);
    if (!this.#worker) return Promise.resolve();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#send({ type: 'unwatch', file, id });
    });
  }

  /** Stops polling and ends the worker if it runs (terminated if it does not exit within a second). */
  async close(): Promise<void> {
    if (this.#closed) return this.#exited;
    this.#closed = true;
    clearInterval(this.#poll);
    this.#send({ type: 'close' });
    const timer = setTimeout(() => void this.#worker?.terminate(), 1000);
    await this.#exited;
    clearTimeout(timer);
  }

  #startPolling(): void {
    this.#poll = setInterval(() => this.#check(), this.#options.pollMs);
    // Never keeps the process alive on its own; close() ends it.
    this.#poll.unref();
  }

  #check(): void {
    const { burstFrames, mainFrames } = this.#options;
    const due: string[] = [];
    for (const [file, before] of this.#files) {
      const now = readBacklog(file);
      // An unknown or torn header: the worker is the safe side to err on.
      if (now === undefined || now - before >= burstFrames) return this.#startWorker();
      this.#files.set(file, now);
      if (now >= mainFrames) due.push(file);
    }
    for (const file of due) this.#checkpointHere(file);
  }

  #checkpointHere(file: string): void {
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(file);
      db.exec('PRAGMA busy_timeout = 0');
      db.exec('PRAGMA wal_checkpoint(PASSIVE)');
      this.#files.set(file, readBacklog(file) ?? 0);
    } catch (err) {
      // SQLITE_BUSY while a commit runs is expected; the next poll retries.
      if (!/busy|locked/i.test(String(err))) this.#logger?.warn({ file, err }, 'embedded checkpoint failed');
    } finally {
      db?.close();
    }
  }

  #startWorker(): void {
    clearInterval(this.#poll);
    const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
      workerData: { intervalMs: this.#options.intervalMs },
    });
    worker.unref();
    worker.on('message', (reply: CheckpointReply) => {
      if (reply.type === 'unwatched') this.#settle(reply.id);
      else this.#logger?.warn({ file: reply.file, err: reply.message }, 'embedded checkpoint failed');
    });
    worker.on('error', (err) => this.#logger?.warn({ err }, 'embedded checkpoint worker failed'));
    this.#exited = new Promise((resolve) =>
      worker.once('exit', () => {
        this.#worker = undefined;
        for (const id of [...this.#pending.keys()]) this.#settle(id);
        // A worker that died leaves the watching to the main thread again.
        if (!this.#closed) this.#startPolling();
        resolve();
      }),
    );
    this.#worker = worker;
    for (const file of this.#files.keys()) this.#send({ type: 'watch', file });
  }

  #send(request: CheckpointRequest): void {
    this.#worker?.postMessage(request);
  }

  #settle(id: number): void {
    this.#pending.get(id)?.();
    this.#pending.delete(id);
  }
}
