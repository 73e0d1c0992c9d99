// createMetrics: one prom-client Registry per app holding exactly the vendor's ten families, fed by
// the /proc sampler. The exposition text is rendered once per sample and cached, so a scrape costs
// one string send: no disk, no formatting, and values at most one sample interval old.
import { Counter, Gauge, Registry } from 'prom-client';
import { FAMILIES } from './names.ts';
import { ProcSampler, SampleLoop, type Snapshot } from './proc/sampler.ts';
import type { StatfsFn } from './proc/storage.ts';
import { RateLimitedLog, type MetricsLogger } from './rate-limited-log.ts';

export type { MetricsLogger } from './rate-limited-log.ts';

export interface MetricsOptions {
  procRoot: string;
  sampleIntervalMs: number;
  logger: MetricsLogger;
  /** Replaces node:fs/promises statfs (fixture trees, hung-mount tests). */
  statfs?: StatfsFn;
  /** Bound on the statfs calls of one sample; default half the interval, at most 2 s. */
  storageTimeoutMs?: number;
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

type AnyMetric = Gauge | Counter;

/** Empties a family. prom-client's reset() leaves an unlabelled metric at 0, which would report a
 *  value we could not read; emptying its value map (an internal, pinned by the lockfile and covered
 *  by test/metrics) leaves just HELP and TYPE. */
function clearSeries(metric: AnyMetric): void {
  metric.reset();
  (metric as unknown as { hashMap: Record<string, unknown> }).hashMap = {};
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const gauge = (f: (typeof FAMILIES)[keyof typeof FAMILIES]) =>
    new Gauge({ name: f.name, help: f.help, labelNames: [...f.labelNames], registers: [registry] });
  const counter = (f: (typeof FAMILIES)[keyof typeof FAMILIES]) =>
    new Counter({ name: f.name, help: f.help, labelNames: [...f.labelNames], registers: [registry] });
  // Registration order is output order: the vendor's (alphabetical).
  const m = {
    cpuIdle: gauge(FAMILIES.cpuIdle),
    cpuSystem: gauge(FAMILIES.cpuSystem),
    cpuUser: gauge(FAMILIES.cpuUser),
    memoryUsed: gauge(FAMILIES.memoryUsed),
    natsInMsgs: gauge(FAMILIES.natsInMsgs),
    networkReceive: counter(FAMILIES.networkReceive),
    networkTransmit: counter(FAMILIES.networkTransmit),
    storageAvailable: gauge(FAMILIES.storageAvailable),
    storageSize: gauge(FAMILIES.storageSize),
    storageUsed: gauge(FAMILIES.storageUsed),
  };

  const log = new RateLimitedLog(options.logger);
  const sampler = new ProcSampler({
    procRoot: options.procRoot,
    log,
    statfs: options.statfs,
    storageTimeoutMs: options.storageTimeoutMs ?? Math.min(2000, Math.max(50, Math.floor(options.sampleIntervalMs / 2))),
  });
  let natsIn = 0;
  let text = '';
  let body = Buffer.alloc(0);

  const apply = (s: Snapshot): void => {
    for (const metric of Object.values(m)) clearSeries(metric);
    if (s.cpu) {
      m.cpuIdle.set(s.cpu.idle);
      m.cpuSystem.set(s.cpu.system);
      m.cpuUser.set(s.cpu.user);
    }
    if (s.memoryUsedPercent !== undefined) m.memoryUsed.set(s.memoryUsedPercent);
    m.natsInMsgs.set(natsIn);
    for (const [name, bytes] of s.network ?? []) {
      m.networkReceive.inc({ name }, bytes.rx);
      m.networkTransmit.inc({ name }, bytes.tx);
    }
    const mounts = [...(s.storage ?? new Map()).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, df] of mounts) {
      m.storageAvailable.set({ name }, df.availableKb);
      m.storageSize.set({ name }, df.sizeKb);
      m.storageUsed.set({ name }, df.usedKb);
    }
  };

  const sampleNow = async (): Promise<void> => {
    apply(await sampler.sampleOnce());
    const rendered = await registry.metrics();
    // Swapped together, after the await: a scrape never sees a text and a body of different samples.
    text = rendered;
    body = Buffer.from(rendered, 'utf8');
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
    exposition: () => text,
    expositionBody: () => body,
    sampleNow,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Host metrics (set by buildApp); the data plane counts NATS messages through metrics.natsInMsgs. */
    metrics: Metrics;
  }
}
