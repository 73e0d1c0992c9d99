// A bound on failed client authentications per client_id at the token endpoint: after MAX failures
// in a window, every attempt for that client is refused until the window ends, the right secret
// included, or the answer would still tell a guesser when it was right.
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 60_000;
// Only existing client ids are counted, so this bounds nothing an attacker controls; a cap anyway.
const MAX_TRACKED = 10_000;

interface Window {
  failures: number;
  startedMs: number;
}

export class FailureLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly max: number;
  private readonly windowMs: number;

  constructor(options: { max?: number; windowMs?: number; now?: () => number } = {}) {
    this.max = options.max ?? MAX_FAILURES;
    this.windowMs = options.windowMs ?? FAILURE_WINDOW_MS;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until attempts for this client are allowed again; 0 when they are now. */
  blockedForMs(clientId: string): number {
    const w = this.current(clientId);
    return w !== undefined && w.failures >= this.max ? w.startedMs + this.windowMs - this.now() : 0;
  }

  failed(clientId: string): void {
    const w = this.current(clientId);
    if (w) w.failures++;
    else {
      if (this.windows.size >= MAX_TRACKED) this.windows.clear();
      this.windows.set(clientId, { failures: 1, startedMs: this.now() });
    }
  }

  succeeded(clientId: string): void {
    this.windows.delete(clientId);
  }

  private current(clientId: string): Window | undefined {
    const w = this.windows.get(clientId);
    if (w !== undefined && this.now() - w.startedMs >= this.windowMs) {
      this.windows.delete(clientId);
      return undefined;
    }
    return w;
  }
}
