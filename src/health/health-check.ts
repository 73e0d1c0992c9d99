// /health's verdict for supervisors: the API answers, the /proc sampler produces samples, the active TSDB
// passes its connection test. Each part is only `up` or `down`, so nothing about the data or a source's
// address leaves; why a part is down goes to the log, once when it goes down.
import type { FastifyBaseLogger } from 'fastify';
import type { SamplerStatus } from '../metrics/index.ts';
import type { ConnectionTest } from '../tsdb/adapter.ts';

export type PartState = 'up' | 'down';

export interface HealthReport {
  status: 'pass' | 'fail';
  checks: { api: PartState; sampler: PartState; tsdb: PartState };
}

export interface HealthParts {
  sampler: () => SamplerStatus;
  /** The active source's connection test; never throws and is bounded in time (source-guard.ts). */
  tsdb: () => Promise<ConnectionTest>;
  log: FastifyBaseLogger;
}

export class HealthCheck {
  readonly #parts: HealthParts;
  readonly #downSince = new Map<'sampler' | 'tsdb', string>();
  #running: Promise<HealthReport> | undefined;

  constructor(parts: HealthParts) {
    this.#parts = parts;
  }

  /** Concurrent probes (a container runtime and a load balancer) share one connection test. */
  check(): Promise<HealthReport> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(): Promise<HealthReport> {
    const sampler = this.#parts.sampler();
    const tsdb = await this.#parts.tsdb();
    this.#note('sampler', sampler.up ? undefined : sampler.reason);
    this.#note('tsdb', tsdb.is_connected ? undefined : tsdb.response);
    const checks = {
      // Whoever reads this body reached the API: a process that cannot serve HTTP answers nothing, which
      // is how a supervisor sees the API down.
      api: 'up',
      sampler: sampler.up ? 'up' : 'down',
      tsdb: tsdb.is_connected ? 'up' : 'down',
    } as const;
    return { status: sampler.up && tsdb.is_connected ? 'pass' : 'fail', checks };
  }

  #note(part: 'sampler' | 'tsdb', reason: string | undefined): void {
    const wasDown = this.#downSince.has(part);
    if (reason === undefined) {
      if (wasDown) this.#parts.log.info({ part }, 'health: part usable again');
      this.#downSince.delete(part);
      return;
    }
    if (!wasDown) this.#parts.log.warn({ part, reason }, 'health: part down');
    this.#downSince.set(part, reason);
  }
}
