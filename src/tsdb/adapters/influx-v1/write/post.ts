// POST /write of line-protocol bytes over the write path's own keep-alive HTTP/1.1 client (http1-pool.ts),
// with the endpoint's credentials, deadline and resend rule and InfluxDB's answers mapped as /query's are.
// Hand-written for speed alone: bench/README.md ("Writes") has the numbers that keep it. The bench's direct
// ceiling posts through this too, so adapter and ceiling pay the same client.
import type { ConnectionOptions } from 'node:tls';
import { type InfluxEndpoint, MAX_ANSWER_BYTES } from '../endpoint.ts';
import { httpError } from '../upstream-errors.ts';
import { Http1Pool } from './http1-pool.ts';

export class WriteClient {
  readonly #endpoint: InfluxEndpoint;
  readonly #pool: Http1Pool;
  /** Per database: the request head up to `Content-Length: `, the same for every request into it. */
  readonly #heads = new Map<string, string>();

  /** `tls`: extra options for https: servers (a private CA, in tests); node:https's defaults otherwise. */
  constructor(endpoint: InfluxEndpoint, tls?: ConnectionOptions) {
    this.#endpoint = endpoint;
    this.#pool = new Http1Pool(endpoint.url, tls);
  }

  /** Resolves on 204; any other answer is the mapped AppError. `flushed` runs once the body has left the process. */
  async post(db: string, body: Buffer, flushed?: () => void): Promise<void> {
    const request = {
      head: `${this.#head(db)}${body.length}\r\n\r\n`,
      body,
      flushed,
      timeoutMs: this.#endpoint.timeoutMs,
      maxAnswerBytes: MAX_ANSWER_BYTES,
    };
    const res = await this.#endpoint.attempt(() => this.#pool.request(request));
    if (res.status !== 204) throw httpError(this.#endpoint.source, res.status, res.body, '/write');
  }

  close(): void {
    this.#pool.close();
  }

  #head(db: string): string {
    let head = this.#heads.get(db);
    if (head === undefined) {
      const e = this.#endpoint;
      const query = new URLSearchParams({ db, precision: 'ms' }).toString();
      head = `POST ${e.prefix}/write?${query} HTTP/1.1\r\nHost: ${e.url.host}\r\n`;
      if (e.authorization) head += `Authorization: ${e.authorization}\r\n`;
      head += 'Content-Type: text/plain; charset=utf-8\r\nContent-Length: ';
      // Databases are few; the bound only keeps a caller cycling through names from growing this forever.
      if (this.#heads.size >= 1000) this.#heads.clear();
      this.#heads.set(db, head);
    }
    return head;
  }
}
