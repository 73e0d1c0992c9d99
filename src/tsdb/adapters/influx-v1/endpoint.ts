// Where and as whom the adapter talks to InfluxDB 1.x, read once from the connection settings and shared by
// its two HTTP clients (transport.ts: node:http for /ping and /query; write/: /write), with the one rule both
// follow for a failed request: a stale pooled socket earns one resend, nothing else does, and failures before
// an answer become the mapped 503.
import { networkError } from './upstream-errors.ts';

export interface TransportOptions {
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
}

/** Answers bigger than this are not a management response; refuse instead of buffering without bound. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** Our own deadline ran out; thrown by either client so the mapped message can say so. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

const STALE = Symbol('staleSocket');

/**
 * Marks `err` as met on a keep-alive socket the server had closed while idle (influxd restarted), before any
 * byte of an answer: the request never reached the server. Only a reset or a broken pipe counts; a timeout
 * never does, since the server may be working on the request.
 */
export function markIfStale(err: Error, reusedSocket: boolean): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) Object.assign(err, { [STALE]: true });
  return err;
}

function isStale(err: unknown): boolean {
  return typeof err === 'object' && err !== null && STALE in err;
}

export class InfluxEndpoint {
  /** How errors name the server: `InfluxDB at <origin+path>` (no credentials, ever). */
  readonly source: string;
  readonly url: URL;
  /** The URL's path without trailing slashes ('' for none), put before /ping, /query and /write. */
  readonly prefix: string;
  /** The Basic header, or undefined when no username is set (auth may be off on the server). */
  readonly authorization: string | undefined;
  readonly timeoutMs: number;

  constructor(o: TransportOptions) {
    this.url = new URL(o.uri);
    // A URL's pathname is never empty ("/" at least), so the prefix is kept apart, without trailing slashes.
    this.prefix = this.url.pathname.replace(/\/+$/, '');
    this.source = `InfluxDB at ${this.url.origin}${this.prefix}`;
    this.timeoutMs = o.timeoutMs;
    // Credentials go in a header, never the URL, so they stay out of InfluxDB's access log.
    this.authorization = o.username
      ? 'Basic ' + Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64')
      : undefined;
  }

  /**
   * One attempt, and a second only when the first met a stale socket (markIfStale): the request never reached
   * the server, so sending it once more on a fresh socket is safe even for mutating statements and writes.
   * Any other failure, or a second one, becomes the mapped 503. Answers of any status are the caller's.
   */
  async attempt<R>(once: () => Promise<R>): Promise<R> {
    try {
      return await once();
    } catch (err) {
      if (isStale(err)) return once().catch((e: unknown) => this.#fail(e));
      return this.#fail(err);
    }
  }

  #fail(err: unknown): never {
    throw networkError(this.source, err, this.timeoutMs, err instanceof DeadlineError);
  }
}
