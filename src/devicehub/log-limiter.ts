// Bounded-rate logging for per-message problems (malformed payloads, dropped points): at most one line
// per key per interval, carrying how many were suppressed since, so a flood cannot flood the log.
import type { BaseLogger } from 'pino';

export class LogLimiter {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #state = new Map<string, { last: number; suppressed: number }>();

  constructor(intervalMs: number, now: () => number = Date.now) {
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** The number suppressed since the last line when a line may be written now; undefined otherwise. */
  take(key: string): number | undefined {
    const t = this.#now();
    const s = this.#state.get(key);
    if (!s) {
      this.#state.set(key, { last: t, suppressed: 0 });
      return 0;
    }
    if (t - s.last >= this.#intervalMs) {
      const suppressed = s.suppressed;
      s.last = t;
      s.suppressed = 0;
      return suppressed;
    }
    s.suppressed++;
    return undefined;
  }
}

/** What the data plane logs through: pino's methods, which Fastify's app.log also has. */
export type PlaneLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
