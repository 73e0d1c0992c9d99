// Warnings about a source that keeps failing (an unreadable /proc file, a dead mount) are logged
// once per window per key, with a count of what was suppressed, and recovery is logged once:
// sampling every second must not turn one broken file into 86,400 log lines a day.

export interface MetricsLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export class RateLimitedLog {
  #logger: MetricsLogger;
  #windowMs: number;
  #now: () => number;
  #failing = new Map<string, { lastLogged: number; suppressed: number }>();

  constructor(logger: MetricsLogger, windowMs = 60_000, now: () => number = Date.now) {
    this.#logger = logger;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  failure(key: string, obj: object, msg: string): void {
    const now = this.#now();
    const state = this.#failing.get(key);
    if (state && now - state.lastLogged < this.#windowMs) {
      state.suppressed += 1;
      return;
    }
    this.#logger.warn({ ...obj, source: key, suppressed: state?.suppressed ?? 0 }, msg);
    this.#failing.set(key, { lastLogged: now, suppressed: 0 });
  }

  recovered(key: string, msg: string): void {
    if (!this.#failing.delete(key)) return;
    this.#logger.info({ source: key }, msg);
  }
}
