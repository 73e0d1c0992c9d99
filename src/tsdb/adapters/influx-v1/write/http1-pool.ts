// Keep-alive sockets to one InfluxDB for /write, one request at a time per socket, and the request itself:
// head and body written together, the answer read by http1-answer.ts, all within one deadline. http: over
// net, https: over tls with Node's default certificate checks (what node:https does with no options).
import net from 'node:net';
import tls from 'node:tls';
import { DeadlineError, markIfStale } from '../endpoint.ts';
import { AnswerReader, type Http1Answer } from './http1-answer.ts';

/** Idle sockets kept, as many as node:http's agent keeps for /query (transport.ts). */
const MAX_IDLE = 16;

export interface Http1Request {
  /** Request line and headers up to the blank line, Content-Length included; latin1 (header values are ASCII). */
  head: string;
  body: Buffer;
  /** Called once the whole request has been handed to the OS (never, if it fails first). */
  flushed?: (() => void) | undefined;
  timeoutMs: number;
  maxAnswerBytes: number;
}

/** A failure of this client's own (closed early, closed pool); socket errors come as Node raises them. */
export class Http1Error extends Error {
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/** Socket errors that arrive when no request owns the socket (idle, or after its answer) go nowhere. */
const ignore = () => {};

/**
 * Bytes on an idle socket answer no request of ours (a server's late extra answer, or garbage): the socket's
 * framing is lost, so it is closed rather than left to hand them to the next request as its answer.
 */
function unsolicited(this: net.Socket): void {
  this.destroy();
}

export class Http1Pool {
  readonly #connect: () => net.Socket;
  readonly #idle: net.Socket[] = [];
  #closed = false;

  /** `url`: an http: or https: URL; only its scheme, host and port are used. */
  constructor(url: URL, tlsOptions: tls.ConnectionOptions = {}) {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    // SNI carries host names only (RFC 6066 §3), as node:https sends it.
    const servername = net.isIP(host) ? undefined : host;
    this.#connect = secure
      ? () => tls.connect({ host, port, servername, ALPNProtocols: ['http/1.1'], ...tlsOptions }).setNoDelay(true)
      : () => net.connect({ host, port, noDelay: true });
  }

  request(r: Http1Request): Promise<Http1Answer> {
    if (this.#closed) return Promise.reject(new Http1Error('the write client is closed', 'ERR_CLOSED'));
    const pooled = this.#takeIdle();
    const socket = pooled ?? this.#connect().on('error', ignore);
    return new Promise<Http1Answer>((resolve, reject) => {
      const reader = new AnswerReader(r.maxAnswerBytes);
      let written = false;
      const settle = (err: Error | undefined, answer?: Http1Answer) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        // A socket goes back only once our whole body is out: a server may answer (401, 413) before reading it,
        // and the rest of it must not arrive as the start of the next request.
        if (answer && written && reader.reusable && !this.#closed && this.#idle.length < MAX_IDLE) this.#keep(socket);
        else socket.destroy();
        if (answer) resolve(answer);
        else reject(markIfStale(err ?? new Error('no answer'), pooled !== undefined && !reader.started));
      };
      const timer = setTimeout(() => settle(new DeadlineError()), r.timeoutMs);
      const onData = (chunk: Buffer) => {
        let answer: Http1Answer | undefined;
        try {
          answer = reader.push(chunk);
        } catch (err) {
          return settle(err as Error);
        }
        if (answer) settle(undefined, answer);
      };
      const onError = (err: Error) => settle(err);
      const onClose = () => {
        let answer: Http1Answer | undefined;
        try {
          answer = reader.end();
        } catch (err) {
          return settle(err as Error);
        }
        // A close before any byte of an answer on a pooled socket is the stale case markIfStale looks for.
        if (answer) settle(undefined, answer);
        else settle(new Http1Error(reader.started ? 'connection closed in the middle of the answer' : 'connection closed before an answer', 'ECONNRESET'));
      };
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
      // Corked so head and body leave in one writev, not as a small packet the server waits on alone.
      socket.cork();
      socket.write(r.head, 'latin1');
      socket.write(r.body, (err) => {
        if (err) return;
        written = true;
        r.flushed?.();
      });
      socket.uncork();
    });
  }

  close(): void {
    this.#closed = true;
    for (const s of this.#idle.splice(0)) s.destroy();
  }

  /** Back to the pool, unref'd so idle sockets never keep the process up. */
  #keep(socket: net.Socket): void {
    socket.unref();
    socket.once('data', unsolicited);
    this.#idle.push(socket);
  }

  /**
   * The most recently used idle socket still open. One the server closed while idle is dropped here; one whose
   * close has not reached us yet is taken, fails, and is the stale case the endpoint resends once.
   */
  #takeIdle(): net.Socket | undefined {
    for (let s = this.#idle.pop(); s; s = this.#idle.pop()) {
      s.off('data', unsolicited);
      if (s.readyState === 'open') return s.ref();
      s.destroy();
    }
    return undefined;
  }
}
