// TSDB source faults (`down`, `slow`, `failing`, back `up`), made real: HTTP sources are reached through a
// FaultProxy, the embedded engine through an I/O hook that throws what a failing disk throws. The adapters,
// the source guard and the data plane then take their own error paths: 503/502 answers, buffered writes.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { SourceFaultLayer } from '../tsdb/source-build.ts';
import type { SourceManager } from '../tsdb/source-manager.ts';
import { FaultProxy, type SourceFaultMode } from './fault-proxy.ts';

export const tsdbFaultSchema = z
  .strictObject({
    state: z.enum(['up', 'down', 'slow', 'failing']),
    /** For `slow`: how long each request to the source is held back. */
    latency_ms: z.number().int().min(1).max(600_000).optional(),
    /** Back to `up` after this long. */
    for_s: z.number().positive().max(31_536_000).optional(),
  })
  .refine((f) => f.state !== 'slow' || f.latency_ms !== undefined, { message: 'slow needs latency_ms', path: ['latency_ms'] })
  .refine((f) => f.state === 'slow' || f.latency_ms === undefined, { message: 'latency_ms applies to slow only', path: ['latency_ms'] });

export type TsdbFaultSpec = z.infer<typeof tsdbFaultSchema>;

export interface TsdbFaultState {
  state: SourceFaultMode;
  latency_ms?: number | undefined;
  until?: string | undefined;
}

/** What a disk that fails under SQLite throws: an errno error, which the source guard maps to 503. */
function ioError(): NodeJS.ErrnoException {
  return Object.assign(new Error('EIO: i/o error (emulated TSDB fault, POST /__emulator/tsdb)'), {
    code: 'EIO',
    errno: -5,
    syscall: 'read',
  });
}

export class TsdbFaults {
  readonly #sources: SourceManager;
  readonly #proxies = new Map<string, FaultProxy>();
  #state: TsdbFaultState = { state: 'up' };
  #revert: AbortController | undefined;
  #layered = false;

  constructor(sources: SourceManager) {
    this.#sources = sources;
  }

  get(): TsdbFaultState {
    return { ...this.#state };
  }

  async set(spec: TsdbFaultSpec): Promise<TsdbFaultState> {
    this.#revert?.abort();
    this.#revert = undefined;
    const until = spec.for_s === undefined || spec.state === 'up' ? undefined : Date.now() + spec.for_s * 1000;
    this.#state = { state: spec.state, latency_ms: spec.latency_ms, until: until === undefined ? undefined : new Date(until).toISOString() };
    for (const p of this.#proxies.values()) p.set(spec.state, spec.latency_ms);
    // Adapters go through the layer only while a fault is set: no extra hop otherwise.
    if (spec.state !== 'up' && !this.#layered) {
      await this.#sources.setFaultLayer(this.#layer());
      this.#layered = true;
    }
    if (spec.state === 'up' && this.#layered) {
      await this.#sources.setFaultLayer(undefined);
      this.#layered = false;
      await this.#closeProxies();
    }
    if (until !== undefined) {
      const revert = (this.#revert = new AbortController());
      sleep(until - Date.now(), undefined, { signal: revert.signal, ref: false }).then(
        () => this.set({ state: 'up' }),
        () => undefined,
      );
    }
    return this.get();
  }

  async close(): Promise<void> {
    this.#revert?.abort();
    await this.#closeProxies();
  }

  #layer(): SourceFaultLayer {
    return {
      prepare: async (uri) => {
        if (!uri || this.#proxies.has(uri)) return;
        const proxy = await FaultProxy.start(uri);
        proxy.set(this.#state.state, this.#state.latency_ms);
        this.#proxies.set(uri, proxy);
      },
      uri: (original) => this.#proxies.get(original)?.url ?? original,
      ioFault: () => {
        const s = this.#state.state;
        if (s === 'down' || s === 'failing') throw ioError();
      },
    };
  }

  async #closeProxies(): Promise<void> {
    const all = [...this.#proxies.values()];
    this.#proxies.clear();
    await Promise.all(all.map((p) => p.close()));
  }
}
