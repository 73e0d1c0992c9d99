// The I/O shell around the /proc parsers: one sampleOnce() reads PROC_ROOT's stat, meminfo,
// net/dev and mounts (+ statfs per mount) into a Snapshot, and the loop owns the timer.
// A source that is missing or malformed is logged (rate-limited) and left out of that snapshot.
import path from 'node:path';
import type { RateLimitedLog } from '../../rate-limited-log.ts';
import { parseMeminfo, memoryUsedPercent } from './meminfo.ts';
import { parseMounts, realMounts, type Mount } from './mounts.ts';
import { NetCounters } from './net-counters.ts';
import { parseNetDev, type IfaceBytes } from './netdev.ts';
import { ProcFiles } from './proc-file.ts';
import { ZERO_CPU_TIMES, cpuPercent, parseProcStat, type CpuPercent, type CpuTimes } from './stat.ts';
import { StorageReader, type DfKb, type StatfsFn } from './storage.ts';

/** One sample; a family left undefined could not be read this time and is left out of the output. */
export interface Snapshot {
  cpu: CpuPercent | undefined;
  memoryUsedPercent: number | undefined;
  network: Map<string, IfaceBytes> | undefined;
  storage: Map<string, DfKb> | undefined;
}

export interface ProcSamplerOptions {
  procRoot: string;
  log: RateLimitedLog;
  statfs?: StatfsFn;
  storageTimeoutMs: number;
}

export class ProcSampler {
  #root: string;
  #log: RateLimitedLog;
  #storage: StorageReader;
  #net = new NetCounters();
  #prevCpu: CpuTimes = ZERO_CPU_TIMES;
  #lastCpu: CpuPercent | undefined;
  #files = new ProcFiles();
  /** /proc/mounts as last read and its real mounts: mounts rarely change, so equal text skips the parse. */
  #mounts: { text: string; real: Mount[] } = { text: '', real: [] };

  constructor(options: ProcSamplerOptions) {
    this.#root = options.procRoot;
    this.#log = options.log;
    this.#storage = new StorageReader({ statfs: options.statfs, timeoutMs: options.storageTimeoutMs });
  }

  async sampleOnce(): Promise<Snapshot> {
    // Mounts first: a statfs that goes to libuv's threads (see storage.ts) runs while the /proc files
    // are read and parsed here, so its completion is usually waiting by the time this thread is done,
    // and the sample costs one wake-up of this thread instead of two.
    const mounts = this.#source('mounts', (text) => {
      if (text !== this.#mounts.text) this.#mounts = { text, real: realMounts(parseMounts(text)) };
      return this.#mounts.real;
    });
    const storage = mounts && this.#readStorage(mounts);
    // The first CPU sample has no predecessor: it reports the average since boot (deltas from
    // zero), a true value that sums to 100, rather than leaving the family empty until the second.
    const cpu = this.#source('stat', (text) => {
      const times = parseProcStat(text);
      // No jiffy elapsed (or counters stepped back): keep the last percentages rather than divide by 0.
      this.#lastCpu = cpuPercent(this.#prevCpu, times) ?? this.#lastCpu;
      this.#prevCpu = times;
      return this.#lastCpu;
    });
    const memory = this.#source('meminfo', (text) => memoryUsedPercent(parseMeminfo(text)));
    const network = this.#source('net/dev', (text) => this.#net.update(parseNetDev(text)));
    return { cpu, memoryUsedPercent: memory, network, storage: await storage };
  }

  /** statfs calls started and not yet returned; tests use it to prove a hung mount is not retried. */
  get statfsInFlight(): number {
    return this.#storage.inFlight;
  }

  /** Closes the /proc files kept open; a later sample reopens them. */
  close(): void {
    this.#files.close();
  }

  #source<T>(file: string, parse: (text: string) => T): T | undefined {
    const where = path.join(this.#root, file);
    try {
      // /proc files are generated in memory by the kernel: a sync read costs microseconds and stays
      // off libuv's threadpool, where a hung statfs could otherwise queue it behind a dead NFS mount.
      const value = parse(this.#files.read(where));
      this.#log.recovered(where, 'metrics source readable again');
      return value;
    } catch (err) {
      this.#log.failure(where, { err }, 'metrics source unreadable; its families are left out');
      return undefined;
    }
  }

  async #readStorage(mounts: ReturnType<typeof realMounts>): Promise<Map<string, DfKb>> {
    const { values, problems } = await this.#storage.read(mounts);
    for (const p of problems) {
      const key = `statfs ${p.mountPoint}`;
      const err = p.reason === 'error' ? p.err : undefined;
      this.#log.failure(key, { mountPoint: p.mountPoint, reason: p.reason, err }, 'mount left out of storage metrics');
    }
    for (const mountPoint of values.keys()) this.#log.recovered(`statfs ${mountPoint}`, 'mount readable again');
    return values;
  }
}

export interface LoopOptions {
  intervalMs: number;
  sample: () => Promise<void>;
  onError: (err: unknown) => void;
}

/**
 * Runs sample() now and then every intervalMs, never two at once: the next tick is scheduled when
 * the previous one ends, at the next multiple of the interval from the start, so a slow tick
 * (bounded by the storage timeout) delays one sample instead of stacking them.
 */
export class SampleLoop {
  #options: LoopOptions;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: LoopOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#tick(Date.now());
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #tick(startedAt: number): Promise<void> {
    try {
      await this.#options.sample();
    } catch (err) {
      this.#options.onError(err);
    }
    if (this.#stopped) return;
    const { intervalMs } = this.#options;
    const elapsed = Date.now() - startedAt;
    const wait = intervalMs - (elapsed % intervalMs);
    this.#timer = setTimeout(() => void this.#tick(Date.now()), wait);
    // The app stops the loop on close; unref keeps a forgotten loop from holding a process open.
    this.#timer.unref();
  }
}
