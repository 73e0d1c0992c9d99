// A bare HTTP/1.1 client for the write path over plain TCP: keep-alive sockets, one request at a time per
// socket, responses framed by Content-Length, chunked encoding or connection close. It exists for speed only:
// on the 2-core VM a /write through node:http cost 0.2-0.3 ms more CPU than the same bytes over a bare socket
// (undici measured the same as node:http), three times per 5,000-point call, and that was 5-11 points of the
// adapter's share of direct /write. Everything else (and https) stays on node:http.
import net from 'node:net';

/** Idle keep-alive sockets kept per server, as node:http's agent would keep for this adapter. */
const MAX_IDLE = 16;

export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawHttpRequest {
  method: string;
  /** Path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Called once the whole request has been handed to the OS. */
  flushed?: (() => void) | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
}

/** A failed request; `reused` marks a stale pooled socket, the one failure worth sending again. */
export class RawHttpError extends Error {
  readonly code: string;
  readonly reused: boolean;

  constructor(message: string, code: string, reused: boolean) {
    super(message);
    this.code = code;
    this.reused = reused;
  }
}

export class RawHttpConnections {
  readonly #host: string;
  readonly #port: number;
  readonly #hostHeader: string;
  readonly #idle: net.Socket[] = [];
  #closed = false;

  /** `url` is an http: URL; only its host and port are used. */
  constructor(url: URL) {
    this.#host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
    this.#port = Number(url.port || 80);
    this.#hostHeader = url.host;
  }

  request(r: RawHttpRequest): Promise<RawHttpResponse> {
    if (this.#closed) return Promise.reject(new RawHttpError('connections closed', 'ERR_CLOSED', false));
    let idle = this.#idle.pop();
    while (idle?.destroyed) idle = this.#idle.pop();
    const socket = idle ?? net.connect({ host: this.#host, port: this.#port, noDelay: true });
    socket.removeAllListeners('error');
    socket.removeAllListeners('close');
    socket.ref();
    return new Promise<RawHttpResponse>((resolve, reject) => {
      const reader = new ResponseReader(r.maxBodyBytes);
      const finish = (err: Error | undefined, res?: RawHttpResponse) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        if (err) {
          socket.destroy();
          reject(err);
        } else if (res) {
          if (reader.reusable && !this.#closed && this.#idle.length < MAX_IDLE) this.#keep(socket);
          else socket.destroy();
          resolve(res);
        }
      };
      // Only a reused socket that failed before any answer byte, by reset or close, counts as stale (`reused`):
      // the server had closed it while idle and never saw the request. A timeout never does.
      const stale = () => idle !== undefined && !reader.started;
      const timer = setTimeout(() => finish(new RawHttpError('timed out', 'ETIMEDOUT', false)), r.timeoutMs);
      const onData = (chunk: Buffer) => {
        try {
          const res = reader.push(chunk);
          if (res) finish(undefined, res);
        } catch (err) {
          finish(new RawHttpError((err as Error).message, 'ERR_BAD_RESPONSE', false));
        }
      };
      const onError = (err: NodeJS.ErrnoException) =>
        finish(new RawHttpError(err.message, err.code ?? 'ERR_SOCKET', stale() && (err.code === 'ECONNRESET' || err.code === 'EPIPE')));
      const onClose = () => {
        let res: RawHttpResponse | undefined;
        try {
          res = reader.end();
        } catch (err) {
          return finish(new RawHttpError((err as Error).message, 'ERR_BAD_RESPONSE', false));
        }
        if (res) finish(undefined, res);
        else finish(new RawHttpError('connection closed before the answer', 'ECONNRESET', stale()));
      };
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
      let head = `${r.method} ${r.path} HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n`;
      for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`;
      head += `Content-Length: ${r.body.length}\r\n\r\n`;
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(r.body, (err) => {
        if (!err) r.flushed?.();
      });
      socket.uncork();
    });
  }

  close(): void {
    this.#closed = true;
    for (const s of this.#idle.splice(0)) s.destroy();
  }

  /** Back to the pool, unref'd so an idle pool never keeps the process up; dropped when the server closes it. */
  #keep(socket: net.Socket): void {
    socket.unref();
    const drop = () => {
      socket.destroy();
      const i = this.#idle.indexOf(socket);
      if (i >= 0) this.#idle.splice(i, 1);
    };
    socket.once('error', drop);
    socket.once('close', drop);
    this.#idle.push(socket);
  }
}

/** Incremental parser of one response: status line, headers, then the body as the headers frame it. */
class ResponseReader {
  started = false;
  /** False when the server asked to close, or framed the body by closing. */
  reusable = true;
  #buf: Buffer = Buffer.alloc(0);
  #status = 0;
  #headers: Record<string, string> | undefined;
  #length: number | undefined;
  #chunked = false;
  #body: Buffer[] = [];
  #bodyBytes = 0;
  readonly #max: number;

  constructor(maxBodyBytes: number) {
    this.#max = maxBodyBytes;
  }

  push(chunk: Buffer): RawHttpResponse | undefined {
    this.started = true;
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    for (;;) {
      if (!this.#headers) {
        const end = this.#buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.#buf.length > 64 * 1024) throw new Error('response headers larger than 64 KB');
          return undefined;
        }
        this.#parseHead(this.#buf.subarray(0, end).toString('latin1'));
        this.#buf = this.#buf.subarray(end + 4);
        if (this.#status >= 100 && this.#status < 200) {
          this.#headers = undefined; // an interim answer: the real one follows
          continue;
        }
      }
      return this.#chunked ? this.#readChunks() : this.#readLength();
    }
  }

  /** The socket closed: a body framed by the close is complete now; anything else is not. */
  end(): RawHttpResponse | undefined {
    if (!this.#headers || this.#chunked || this.#length !== undefined) return undefined;
    this.#append(this.#buf);
    return this.#result();
  }

  #parseHead(text: string): void {
    const [statusLine = '', ...lines] = text.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})/.exec(statusLine);
    if (!m) throw new Error(`not an HTTP/1.x answer: ${JSON.stringify(statusLine.slice(0, 40))}`);
    this.#status = Number(m[2]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    this.#headers = headers;
    const connection = (headers['connection'] ?? '').toLowerCase();
    if (connection.includes('close') || (m[1] === '0' && !connection.includes('keep-alive'))) this.reusable = false;
    this.#chunked = (headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked');
    const length = headers['content-length'];
    if (this.#status === 204 || this.#status === 304) this.#length = 0;
    else if (!this.#chunked && length !== undefined) {
      if (!/^\d+$/.test(length)) throw new Error(`bad Content-Length ${JSON.stringify(length)}`);
      this.#length = Number(length);
    } else if (!this.#chunked) this.reusable = false; // framed by the close
  }

  #readLength(): RawHttpResponse | undefined {
    if (this.#length === undefined) {
      this.#append(this.#buf);
      this.#buf = Buffer.alloc(0);
      return undefined;
    }
    if (this.#buf.length < this.#length) return undefined;
    if (this.#buf.length > this.#length) this.reusable = false; // bytes after the answer: do not reuse
    this.#append(this.#buf.subarray(0, this.#length));
    return this.#result();
  }

  #readChunks(): RawHttpResponse | undefined {
    for (;;) {
      const eol = this.#buf.indexOf('\r\n');
      if (eol < 0) return undefined;
      const size = parseInt(this.#buf.subarray(0, eol).toString('latin1'), 16);
      if (!Number.isFinite(size) || size < 0) throw new Error('bad chunk size');
      if (size === 0) {
        // The last chunk: then an empty line, or trailers (none expected) ending with one.
        const rest = this.#buf.subarray(eol + 2);
        const done = (rest[0] === 0x0d && rest[1] === 0x0a) || rest.indexOf('\r\n\r\n') >= 0;
        return done ? this.#result() : undefined;
      }
      if (this.#buf.length < eol + 2 + size + 2) return undefined;
      this.#append(this.#buf.subarray(eol + 2, eol + 2 + size));
      this.#buf = this.#buf.subarray(eol + 2 + size + 2);
    }
  }

  #append(bytes: Buffer): void {
    this.#bodyBytes += bytes.length;
    if (this.#bodyBytes > this.#max) throw new Error(`answer larger than ${this.#max} bytes`);
    if (bytes.length) this.#body.push(Buffer.from(bytes));
  }

  #result(): RawHttpResponse {
    return { status: this.#status, headers: this.#headers ?? {}, body: Buffer.concat(this.#body).toString('utf8') };
  }
}
