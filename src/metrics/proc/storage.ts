// Space per mount point with df's arithmetic, read through statfs without ever letting a hung mount
// (a dead NFS server) stall the sampler or eat libuv's threadpool. Both statfs flavours are
// injectable so fixture trees can be tested; the defaults are node:fs's.
import { statfsSync as fsStatfsSync } from 'node:fs';
import { statfs as fsStatfs } from 'node:fs/promises';
import type { Mount } from './mounts.ts';

export interface StatfsResult {
  bsize: number;
  /** Fragment size, the unit of the block counts; Node >= 22 reports it, older ones only bsize. */
  frsize?: number;
  blocks: number;
  bfree: number;
  bavail: number;
}
export type StatfsFn = (path: string) => Promise<StatfsResult>;
export type StatfsSyncFn = (path: string) => StatfsResult;

/**
 * Local filesystems whose statfs answers from in-memory counters (no I/O, nothing remote to wait
 * for): read synchronously. Everything else (nfs, cifs, fuse.*, 9p, vfat, whose first statfs scans
 * the FAT, ...) goes to the threadpool under the timeout. A threadpool round trip costs this process
 * ~0.2 ms of CPU per call on an idle machine (measured), as much as the rest of a sample's parsing.
 */
export const SYNC_STATFS_TYPES: ReadonlySet<string> = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'f2fs', 'overlay', 'ubifs']);

export interface DfKb {
  sizeKb: number;
  usedKb: number;
  availableKb: number;
}

/** df semantics: used = size - free (root's reserve counts as neither), available = what non-root may use. */
export function dfFromStatfs(s: StatfsResult): DfKb {
  const unit = s.frsize !== undefined && s.frsize > 0 ? s.frsize : s.bsize;
  const kb = (blocks: number) => (blocks * unit) / 1024;
  return { sizeKb: kb(s.blocks), usedKb: kb(s.blocks - s.bfree), availableKb: kb(s.bavail) };
}

export type StorageProblem =
  | { mountPoint: string; reason: 'error'; err: unknown }
  | { mountPoint: string; reason: 'timeout' | 'still-pending' | 'no-free-slot' };

export interface StorageReading {
  values: Map<string, DfKb>;
  problems: StorageProblem[];
}

export interface StorageReaderOptions {
  /** Async statfs for every mount, or (with statfsSync) for those not in SYNC_STATFS_TYPES. */
  statfs?: StatfsFn;
  /** Sync statfs for SYNC_STATFS_TYPES mounts; default node:fs's unless only `statfs` is injected. */
  statfsSync?: StatfsSyncFn;
  /** Bound on one read() as a whole; a statfs still running then is abandoned, not cancelled. */
  timeoutMs: number;
  /**
   * statfs calls that may be outstanding at once, hung ones included. libuv has 4 threads shared by
   * all file and crypto work of the app; a hung statfs pins one until the kernel gives up, so we
   * never let storage hold more than 2 of them.
   */
  maxInFlight?: number;
}

type Outcome = { ok: true; stats: StatfsResult } | { ok: false; err: unknown };
const TIMEOUT = Symbol('timeout');

/**
 * Mounts whose statfs failed, timed out or is still pending from an earlier read are left out of
 * that reading (and reported as problems): a stale size would be a lie about free space, and a
 * missing series is what a dashboard or an alert can see.
 */
export class StorageReader {
  #statfs: StatfsFn;
  #statfsSync: StatfsSyncFn | undefined;
  #timeoutMs: number;
  #maxInFlight: number;
  #pending = new Map<string, Promise<Outcome>>();

  constructor(options: StorageReaderOptions) {
    this.#statfs = options.statfs ?? fsStatfs;
    this.#statfsSync = options.statfsSync ?? (options.statfs ? undefined : fsStatfsSync);
    this.#timeoutMs = options.timeoutMs;
    this.#maxInFlight = options.maxInFlight ?? 2;
  }

  /** Number of statfs calls started and not yet returned (hung ones included). */
  get inFlight(): number {
    return this.#pending.size;
  }

  async read(mounts: readonly Mount[]): Promise<StorageReading> {
    const values = new Map<string, DfKb>();
    const problems: StorageProblem[] = [];
    const queue: string[] = [];
    for (const m of mounts) {
      if (this.#pending.has(m.mountPoint)) problems.push({ mountPoint: m.mountPoint, reason: 'still-pending' });
      else if (this.#statfsSync && SYNC_STATFS_TYPES.has(m.fsType)) this.#readSync(m.mountPoint, values, problems);
      else queue.push(m.mountPoint);
    }
    // No timer when nothing is asynchronous: a cleared timer still wakes the event loop once.
    if (queue.length === 0) return { values, problems };

    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve(TIMEOUT);
      }, this.#timeoutMs);
    });

    const worker = async (): Promise<void> => {
      while (!timedOut) {
        const mountPoint = queue.shift();
        if (mountPoint === undefined) return;
        const outcome = await Promise.race([this.#start(mountPoint), deadline]);
        if (outcome === TIMEOUT) {
          // This call keeps its thread; the worker gives up its slot rather than start another.
          problems.push({ mountPoint, reason: 'timeout' });
          return;
        }
        if (outcome.ok) values.set(mountPoint, dfFromStatfs(outcome.stats));
        else problems.push({ mountPoint, reason: 'error', err: outcome.err });
      }
    };
    const slots = Math.max(0, this.#maxInFlight - this.#pending.size);
    await Promise.all(Array.from({ length: Math.min(slots, queue.length) }, worker));
    clearTimeout(timer);
    for (const mountPoint of queue) problems.push({ mountPoint, reason: 'no-free-slot' });
    return { values, problems };
  }

  #readSync(mountPoint: string, values: Map<string, DfKb>, problems: StorageProblem[]): void {
    try {
      values.set(mountPoint, dfFromStatfs((this.#statfsSync as StatfsSyncFn)(mountPoint)));
    } catch (err) {
      problems.push({ mountPoint, reason: 'error', err });
    }
  }

  #start(mountPoint: string): Promise<Outcome> {
    // Called now, not in a microtask (an executor runs at once): the sampler starts statfs before its
    // synchronous /proc work. A statfs that throws instead of rejecting becomes a rejection all the same.
    const p = new Promise<StatfsResult>((resolve) => resolve(this.#statfs(mountPoint)))
      .then(
        (stats): Outcome => ({ ok: true, stats }),
        (err: unknown): Outcome => ({ ok: false, err }),
      )
      .finally(() => this.#pending.delete(mountPoint));
    this.#pending.set(mountPoint, p);
    return p;
  }
}
