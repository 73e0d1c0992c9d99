// Bounded-rate logging for problems that repeat (a malformed message per second, a dead mount sampled every
// second, a TSDB that stays down): at most one line per key per window, carrying how many were suppressed
// since, and one line when a failing key recovers. One broken thing cannot flood the log. The data plane
// and the metrics sampler both log through it.

export interface LimitedLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export class RateLimitedLog {
  readonly #logger: LimitedLogger;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #state = new Map<string, { last: number; suppressed: number }>();

  constructor(logger: LimitedLogger, windowMs: number, now: () => number = Date.now) {
    this.#logger = logger;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /**
   * Whether a line for `key` may be written now: the number suppressed since the last one (0 the first
   * time), or undefined inside the window, where this call is counted as suppressed instead.
   */
  take(key: string): number | undefined {
    const t = this.#now();
    const s = this.#state.get(key);
    if (!s) {
      this.#state.set(key, { last: t, suppressed: 0 });
      return 0;
    }
    if (t - s.last >= this.#windowMs) {
      const suppressed = s.suppressed;
      s.last = t;
      s.suppressed = 0;
      return suppressed;
    }
    s.suppressed++;
    return undefined;
  }

  /** A warning about `key` (logged with `source: key` and `suppressed`), when take(key) lets one through. */
  failure(key: string, obj: object, msg: string): void {
    const suppressed = this.take(key);
    if (suppressed !== undefined) this.#logger.warn({ ...obj, source: key, suppressed }, msg);
  }

  /** Logs `msg` once when `key` had been limited, and forgets it, so its next failure is logged at once. */
  recovered(key: string, msg: string): void {
    if (this.#state.delete(key)) this.#logger.info({ source: key }, msg);
  }
}
