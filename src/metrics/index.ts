// createMetrics: one prom-client Registry per app holding exactly the vendor's ten families, fed by the /proc
// sampler. Each sample goes sampler -> seriesOf (series.ts) -> options.mapSeries -> families (families.ts);
// the first scrape of a sample renders it into the cache (exposition-cache.ts), so every other scrape costs one
// Buffer send: no disk, no formatting, and values at most one sample interval old.
import { Registry } from 'prom-client';
import { ExpositionCache } from './exposition-cache.ts';
import { createFamilies, writeSeries } from './families.ts';
import { ProcSampler, SampleLoop } from './proc/sampler.ts';
import type { StatfsFn } from './proc/storage.ts';
import { RateLimitedLog, type LimitedLogger } from '../rate-limited-log.ts';
import { seriesOf, type SeriesMapper } from './series.ts';

export type MetricsLogger = LimitedLogger;
export type { FamilySeries, Series, SeriesMapper } from './series.ts';

export interface MetricsOptions {
  procRoot: string;
  sampleIntervalMs: number;
  logger: MetricsLogger;
  /** Replaces node:fs/promises statfs (fixture trees, hung-mount tests). */
  statfs?: StatfsFn;
  /** Bound on the statfs calls of one sample; default half the interval, at most 2 s. */
  storageTimeoutMs?: number;
  /** Changes each sample's series before they are rendered (see SeriesMapper); none by default. */
  mapSeries?: SeriesMapper;
}

export interface Metrics {
  registry: Registry;
  natsInMsgs: { inc(n?: number): void; value(): number };
  /** Takes the first sample before resolving, then samples every sampleIntervalMs. */
  start(): Promise<void>;
  stop(): void;
  /** The last sample's exposition (text format 0.0.4), rendered once per sample. */
  exposition(): Promise<string>;
  /** The same text UTF-8 encoded once per sample, so a scrape sends bytes without re-encoding them. */
  expositionBody(): Promise<Buffer>;
  /** Takes one sample now; for tests that step through fixture files. */
  sampleNow(): Promise<void>;
  /** Whether the sampler is usable, for /health: a recent sample that read CPU and memory. */
  status(now?: number): SamplerStatus;
}

export type SamplerStatus = { up: true } | { up: false; reason: string };

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const families = createFamilies(registry);
  const cache = new ExpositionCache(registry);

  // A broken /proc file or mount is sampled every second: one warning a minute is enough.
  const log = new RateLimitedLog(options.logger, 60_000);
  const sampler = new ProcSampler({
    procRoot: options.procRoot,
    log,
    statfs: options.statfs,
    storageTimeoutMs: options.storageTimeoutMs ?? Math.min(2000, Math.max(50, Math.floor(options.sampleIntervalMs / 2))),
  });
  let natsIn = 0;
  let sampledAt: number | undefined;
  let complete = false;
  // Stale past three missed ticks plus the storage bound: a loop that stopped, not one slowed by load.
  const staleAfterMs = 3 * options.sampleIntervalMs + 5000;

  const sampleNow = async (): Promise<void> => {
    const snapshot = await sampler.sampleOnce();
    const series = seriesOf(snapshot, natsIn);
    writeSeries(families, options.mapSeries ? options.mapSeries(series) : series);
    cache.invalidate();
    sampledAt = Date.now();
    // Network and storage may legitimately be empty (no interfaces, only pseudo mounts); CPU and memory never are.
    complete = snapshot.cpu !== undefined && snapshot.memoryUsedPercent !== undefined;
  };

  const loop = new SampleLoop({
    intervalMs: options.sampleIntervalMs,
    sample: sampleNow,
    onError: (err) => log.failure('sampler', { err }, 'metrics sample failed; serving the previous one'),
  });

  return {
    registry,
    natsInMsgs: {
      inc(n = 1) {
        natsIn += n;
      },
      value: () => natsIn,
    },
    start: () => loop.start(),
    stop: () => {
      loop.stop();
      sampler.close();
    },
    exposition: () => cache.text(),
    expositionBody: () => cache.body(),
    sampleNow,
    status(now = Date.now()): SamplerStatus {
      if (sampledAt === undefined) return { up: false, reason: 'no sample taken yet' };
      if (!complete) return { up: false, reason: `CPU or memory unreadable under ${options.procRoot}` };
      const age = now - sampledAt;
      return age > staleAfterMs ? { up: false, reason: `last sample ${age} ms ago` } : { up: true };
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Host metrics (set by buildApp); the data plane counts NATS messages through metrics.natsInMsgs. */
    metrics: Metrics;
  }
}
