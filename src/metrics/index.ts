// createMetrics: one prom-client Registry per app holding exactly the vendor's ten families, fed by the /proc
// sampler. Each sample goes sampler -> seriesOf (series.ts) -> options.mapSeries -> families (families.ts) ->
// rendered once into the cache (exposition-cache.ts), so a scrape costs one Buffer send: no disk, no
// formatting, and values at most one sample interval old.
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
  /** The last rendered exposition (text format 0.0.4). */
  exposition(): string;
  /** The same text UTF-8 encoded once per sample, so a scrape sends bytes without re-encoding them. */
  expositionBody(): Buffer;
  /** Takes one sample and re-renders now; for tests that step through fixture files. */
  sampleNow(): Promise<void>;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const families = createFamilies(registry);
  const cache = new ExpositionCache();

  // A broken /proc file or mount is sampled every second: one warning a minute is enough.
  const log = new RateLimitedLog(options.logger, 60_000);
  const sampler = new ProcSampler({
    procRoot: options.procRoot,
    log,
    statfs: options.statfs,
    storageTimeoutMs: options.storageTimeoutMs ?? Math.min(2000, Math.max(50, Math.floor(options.sampleIntervalMs / 2))),
  });
  let natsIn = 0;

  const sampleNow = async (): Promise<void> => {
    const series = seriesOf(await sampler.sampleOnce(), natsIn);
    writeSeries(families, options.mapSeries ? options.mapSeries(series) : series);
    await cache.render(registry);
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
    exposition: () => cache.text,
    expositionBody: () => cache.body,
    sampleNow,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Host metrics (set by buildApp); the data plane counts NATS messages through metrics.natsInMsgs. */
    metrics: Metrics;
  }
}
