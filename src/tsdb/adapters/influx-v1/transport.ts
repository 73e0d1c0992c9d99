// node:http for InfluxDB 1.x's /ping and /query: one keep-alive agent per adapter, each request bounded by
// the context timeout, credentials and the resend rule from endpoint.ts. /write has its own client (write/).
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { AppError } from '../../../errors.ts';
import { DeadlineError, type InfluxEndpoint, MAX_ANSWER_BYTES, markIfStale } from './endpoint.ts';
import { httpError, malformedAnswer, scrub, statementError } from './upstream-errors.ts';

export interface StatementResult {
  statement_id?: number;
  error?: string;
  series?: { name?: string; tags?: Record<string, string>; columns?: string[]; values?: unknown[][] }[];
}

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export class InfluxHttp {
  /** How errors name the server: `InfluxDB at <origin+path>` (no credentials, ever). */
  readonly source: string;
  readonly #endpoint: InfluxEndpoint;
  readonly #agent: http.Agent;
  readonly #client: typeof http | typeof https;

  constructor(endpoint: InfluxEndpoint) {
    this.#endpoint = endpoint;
    this.source = endpoint.source;
    const secure = endpoint.url.protocol === 'https:';
    this.#client = secure ? https : http;
    this.#agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 16 });
  }

  /** GET /ping (never authenticated by InfluxDB); returns the X-Influxdb-Version header. */
  async ping(): Promise<string | undefined> {
    const res = await this.#send('GET', '/ping', undefined, undefined);
    if (res.status !== 204 && res.status !== 200) throw httpError(this.source, res.status, res.body, '/query');
    const v = res.headers['x-influxdb-version'];
    return Array.isArray(v) ? v[0] : v;
  }

  /** POST /query; returns one result per statement, statement errors left in place for the caller. */
  async query(q: string, opts: { db?: string; secrets?: string[] } = {}): Promise<StatementResult[]> {
    const secrets = opts.secrets ?? [];
    const form = new URLSearchParams({ q, ...(opts.db !== undefined ? { db: opts.db } : {}) });
    const res = await this.#send('POST', '/query', form.toString(), 'application/x-www-form-urlencoded');
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
   * a failure to get one throws (the mapped 503, after the one resend a stale socket earns).
   */
  #send(method: string, path: string, body: string | undefined, type: string | undefined): Promise<HttpAnswer> {
    return this.#endpoint.attempt(() => this.#once(method, path, body, type));
  }

  #once(method: string, path: string, body: string | undefined, type: string | undefined): Promise<HttpAnswer> {
    const url = new URL(this.#endpoint.url.href);
    const [p, search] = path.split('?');
    url.pathname = this.#endpoint.prefix + p;
    url.search = search ?? '';
    const headers: Record<string, string> = {};
    const authorization = this.#endpoint.authorization;
    if (authorization) headers.authorization = authorization;
    if (type) headers['content-type'] = type;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = this.#client.request(url, { method, agent: this.#agent, headers });
      const timer = setTimeout(() => req.destroy(new DeadlineError()), this.#endpoint.timeoutMs);
      const done = (err: Error | undefined, value?: HttpAnswer) => {
        clearTimeout(timer);
        if (err) reject(err);
        else if (value) resolve(value);
      };
      req.on('error', (err) => done(markIfStale(err, req.reusedSocket)));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
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
