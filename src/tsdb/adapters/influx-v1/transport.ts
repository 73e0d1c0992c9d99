// The HTTP shell around InfluxDB 1.x: every request (/ping, /query, and write/'s /write) over one keep-alive
// node:http agent per adapter, each bounded by the context timeout. Credentials go in a Basic header (never
// the URL, so they stay out of InfluxDB's access log); only a stale pooled socket earns one retry, nothing
// else is retried.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AppError } from '../../../errors.ts';
import https from 'node:https';
import { httpError, malformedAnswer, networkError, scrub, statementError } from './upstream-errors.ts';

export interface StatementResult {
  statement_id?: number;
  error?: string;
  series?: { name?: string; tags?: Record<string, string>; columns?: string[]; values?: unknown[][] }[];
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers bigger than this are not a management response; refuse instead of buffering without bound. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface TransportOptions {
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  timeoutMs: number;
}

export class InfluxHttp {
  /** How errors name the server: `InfluxDB at <origin+path>` (no credentials, ever). */
  readonly source: string;
  readonly #base: URL;
  readonly #prefix: string;
  readonly #agent: http.Agent;
  readonly #client: typeof http | typeof https;
  readonly #authorization: string | undefined;
  readonly #timeoutMs: number;

  constructor(o: TransportOptions) {
    this.#base = new URL(o.uri);
    // A URL's pathname is never empty ("/" at least), so the prefix is kept apart, without trailing slashes.
    this.#prefix = this.#base.pathname.replace(/\/+$/, '');
    this.source = `InfluxDB at ${this.#base.origin}${this.#prefix}`;
    const secure = this.#base.protocol === 'https:';
    this.#client = secure ? https : http;
    this.#agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 16 });
    this.#timeoutMs = o.timeoutMs;
    // Auth may be off on the server; then no header is sent at all.
    this.#authorization = o.username
      ? 'Basic ' + Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64')
      : undefined;
  }

  /** GET /ping (never authenticated by InfluxDB); returns the X-Influxdb-Version header. */
  async ping(): Promise<string | undefined> {
    const res = await this.send('GET', '/ping', undefined, undefined);
    if (res.status !== 204 && res.status !== 200) throw httpError(this.source, res.status, res.body, '/query');
    const v = res.headers['x-influxdb-version'];
    return Array.isArray(v) ? v[0] : v;
  }

  /** POST /query; returns one result per statement, statement errors left in place for the caller. */
  async query(q: string, opts: { db?: string; secrets?: string[] } = {}): Promise<StatementResult[]> {
    const secrets = opts.secrets ?? [];
    const form = new URLSearchParams({ q, ...(opts.db !== undefined ? { db: opts.db } : {}) });
    const res = await this.send('POST', '/query', form.toString(), 'application/x-www-form-urlencoded');
    if (res.status !== 200) throw httpError(this.source, res.status, scrub(res.body, secrets), '/query');
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      throw malformedAnswer(this.source, scrub(res.body, secrets));
    }
    const results = (parsed as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) throw malformedAnswer(this.source, scrub(res.body, secrets));
    return results as StatementResult[];
  }

  /** One statement that must succeed; a statement error becomes the mapped AppError. */
  async exec(q: string, opts: { db?: string; secrets?: string[] } = {}): Promise<StatementResult> {
    const [r] = await this.query(q, opts);
    if (!r) throw statementError(this.source, 'empty results');
    if (r.error !== undefined) throw statementError(this.source, scrub(r.error, opts.secrets ?? []));
    return r;
  }

  /** The mapped AppError for a statement error this server returned. */
  statementError(error: string): AppError {
    return statementError(this.source, error);
  }

  close(): void {
    this.#agent.destroy();
  }

  /**
   * One request with the adapter's credentials, agent and deadline; answers of any status are returned, and only
   * a failure to get one throws (the mapped 503). `flushed` runs once the whole body has left the process.
   */
  send(method: string, path: string, body: string | Buffer | undefined, type: string | undefined, flushed?: () => void): Promise<HttpAnswer> {
    return this.#retryStale(() => this.#once(method, path, body, type, flushed));
  }

  /**
   * One attempt, and a second only when the first met a keep-alive socket the server had closed while idle
   * (influxd restarted): the request never reached it, so sending it once more on a fresh socket is safe even
   * for mutating statements. Any other failure, or a second one, becomes the mapped 503.
   */
  async #retryStale<R>(attempt: () => Promise<R>): Promise<R> {
    try {
      return await attempt();
    } catch (err) {
      if (isStaleSocket(err)) return attempt().catch((e: unknown) => this.#fail(e));
      return this.#fail(err);
    }
  }

  #fail(err: unknown): never {
    throw networkError(this.source, err, this.#timeoutMs, err instanceof TimeoutError);
  }

  #once(
    method: string,
    path: string,
    body: string | Buffer | undefined,
    type: string | undefined,
    flushed?: () => void,
  ): Promise<HttpAnswer> {
    const url = new URL(this.#base.href);
    const [p, search] = path.split('?');
    url.pathname = this.#prefix + p;
    url.search = search ?? '';
    const headers: Record<string, string> = {};
    if (this.#authorization) headers.authorization = this.#authorization;
    if (type) headers['content-type'] = type;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = this.#client.request(url, { method, agent: this.#agent, headers });
      const timer = setTimeout(() => req.destroy(new TimeoutError()), this.#timeoutMs);
      if (flushed) req.once('finish', flushed);
      const done = (err: Error | undefined, value?: HttpAnswer) => {
        clearTimeout(timer);
        if (err) reject(err);
        else if (value) resolve(value);
      };
      req.on('error', (err) => done(markReused(err, req.reusedSocket)));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) req.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on('error', (err) => done(err));
        res.on('end', () =>
          done(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.end(body);
    });
  }
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

const STALE = Symbol('staleSocket');

function markReused(err: Error, reused: boolean): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (reused && (code === 'ECONNRESET' || code === 'EPIPE')) Object.assign(err, { [STALE]: true });
  return err;
}

/** Marked by markReused. */
function isStaleSocket(err: unknown): boolean {
  return typeof err === 'object' && err !== null && STALE in err;
}
