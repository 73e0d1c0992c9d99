// /health's verdict for supervisors: the API takes new work (shutdown has not begun), the /proc sampler
// produces samples, the active TSDB passes its connection test. Each part is only `up` or `down`, so
// nothing about the data or a source's address leaves; why a part is down goes to the log, once.
import type { FastifyBaseLogger } from 'fastify';
import type { SamplerStatus } from '../metrics/index.ts';
import type { ConnectionTest } from '../tsdb/adapter.ts';

export type PartState = 'up' | 'down';

export interface HealthReport {
  status: 'pass' | 'fail';
  checks: { api: PartState; sampler: PartState; tsdb: PartState };
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Shutdown has begun (server.ts calls it on SIGTERM/SIGINT, before anything closes): from now on
     * /health answers 503 with `api` down, so a load balancer stops sending while in-flight work drains.
     */
    beginShutdown(): void;
  }
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
  #shuttingDown = false;

  constructor(parts: HealthParts) {
    this.#parts = parts;
  }

  /** One way: a server that has begun to shut down does not come back. */
  shutdownBegun(): void {
    this.#shuttingDown = true;
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
    // A process that cannot serve HTTP answers nothing at all; one that answers but is draining for exit
    // says so here, while its listener still accepts, so traffic moves before the port closes.
    const api = !this.#shuttingDown;
    const checks = {
      api: api ? 'up' : 'down',
      sampler: sampler.up ? 'up' : 'down',
      tsdb: tsdb.is_connected ? 'up' : 'down',
    } as const;
    return { status: api && sampler.up && tsdb.is_connected ? 'pass' : 'fail', checks };
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
