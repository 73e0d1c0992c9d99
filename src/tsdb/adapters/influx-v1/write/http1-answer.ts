// Reads one HTTP/1.1 answer from the bytes a socket delivers, pure and incremental: status line and headers,
// interim 1xx answers skipped, then the body as the headers frame it (Content-Length, chunked, or the close).
// It also says whether the socket may carry the next request (RFC 9112 §6 and §9.3).

export interface Http1Answer {
  status: number;
  /** Lower-cased names; a repeated header keeps its last value (InfluxDB repeats none that we read). */
  headers: Record<string, string>;
  body: string;
}

/** A malformed answer; the socket it came on is closed. */
export class AnswerError extends Error {
  readonly code = 'ERR_BAD_ANSWER';
}

/** Headers past this are not InfluxDB's (it sends under 300 bytes); refuse rather than buffer them. */
const MAX_HEAD_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

export class AnswerReader {
  /** True once any byte arrived: from then on a failure is not a stale socket, the server saw the request. */
  started = false;
  /** False when the server asked to close, framed the body by closing, or sent more than the answer. */
  reusable = true;
  #buf: Buffer = EMPTY;
  #status = 0;
  #headers: Record<string, string> | undefined;
  /** Body bytes still expected when framed by Content-Length; undefined for chunked or close-framed. */
  #length: number | undefined;
  #chunked = false;
  readonly #body: Buffer[] = [];
  #bodyBytes = 0;
  readonly #maxBodyBytes: number;

  constructor(maxBodyBytes: number) {
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** Takes the next bytes; returns the answer once it is whole. Throws AnswerError for a malformed one. */
  push(chunk: Buffer): Http1Answer | undefined {
    this.started = true;
    this.#buf = this.#buf.length > 0 ? Buffer.concat([this.#buf, chunk]) : chunk;
    while (!this.#headers) {
      const end = this.#buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.#buf.length > MAX_HEAD_BYTES) throw new AnswerError(`answer headers larger than ${MAX_HEAD_BYTES} bytes`);
        return undefined;
      }
      const head = this.#buf.toString('latin1', 0, end);
      this.#buf = this.#buf.subarray(end + 4);
      // 100 Continue (and 102/103) may precede the answer even unasked; the real answer follows on this socket.
      if (!this.#interim(head)) this.#parseHead(head);
    }
    return this.#chunked ? this.#readChunks() : this.#readLength();
  }

  /** The socket closed: a body framed by the close is whole now; anything else was cut short. */
  end(): Http1Answer | undefined {
    if (!this.#headers || this.#chunked || this.#length !== undefined) return undefined;
    this.#append(this.#buf);
    return this.#answer();
  }

  #interim(head: string): boolean {
    const m = /^HTTP\/1\.[01] 1(\d\d)/.exec(head);
    if (!m) return false;
    // 101 would switch protocols, which this client never asks for.
    if (m[1] === '01') throw new AnswerError('unexpected 101 Switching Protocols');
    return true;
  }

  #parseHead(head: string): void {
    const lines = head.split('\r\n');
    const statusLine = lines[0] ?? '';
    const m = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(statusLine);
    if (!m) throw new AnswerError(`not an HTTP/1.x answer: ${JSON.stringify(statusLine.slice(0, 40))}`);
    this.#status = Number(m[2]);
    const headers: Record<string, string> = {};
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new AnswerError(`malformed answer header ${JSON.stringify(line.slice(0, 40))}`);
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    this.#headers = headers;
    const connection = (headers['connection'] ?? '').toLowerCase();
    // HTTP/1.0 closes unless it says keep-alive; 1.1 keeps the connection unless it says close.
    if (connection.includes('close') || (m[1] === '0' && !connection.includes('keep-alive'))) this.reusable = false;
    const length = headers['content-length'];
    this.#chunked = (headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked');
    if (this.#status === 204 || this.#status === 304) this.#length = 0;
    else if (this.#chunked) {
      // Both framings at once is how request smuggling starts; chunked wins, the socket is not reused.
      if (length !== undefined) this.reusable = false;
    } else if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) throw new AnswerError(`bad Content-Length ${JSON.stringify(length.slice(0, 40))}`);
      this.#length = Number(length);
      if (this.#length > this.#maxBodyBytes) throw new AnswerError(`answer larger than ${this.#maxBodyBytes} bytes`);
    } else this.reusable = false; // framed by the close
  }

  #readLength(): Http1Answer | undefined {
    if (this.#length === undefined) {
      this.#append(this.#buf);
      this.#buf = EMPTY;
      return undefined;
    }
    if (this.#buf.length < this.#length) return undefined;
    // Bytes after the answer belong to no request of ours: the socket's framing is lost, so it is not reused.
    if (this.#buf.length > this.#length) this.reusable = false;
    this.#append(this.#buf.subarray(0, this.#length));
    return this.#answer();
  }

  #readChunks(): Http1Answer | undefined {
    for (;;) {
      const eol = this.#buf.indexOf('\r\n');
      if (eol < 0) {
        if (this.#buf.length > MAX_HEAD_BYTES) throw new AnswerError('chunk size line too long');
        return undefined;
      }
      // The size in hex, maybe followed by ";extension", which carries nothing we use.
      const m = /^([0-9a-fA-F]{1,8})[ \t]*(?:;|$)/.exec(this.#buf.toString('latin1', 0, eol));
      if (!m) throw new AnswerError('bad chunk size');
      const size = parseInt(m[1] as string, 16);
      if (size === 0) {
        // The last chunk, then either an empty line or trailer fields that end with one.
        const rest = this.#buf.subarray(eol + 2);
        const trailers = rest[0] === 0x0d && rest[1] === 0x0a ? -2 : rest.indexOf('\r\n\r\n');
        if (trailers === -1) {
          if (rest.length > MAX_HEAD_BYTES) throw new AnswerError(`answer trailers larger than ${MAX_HEAD_BYTES} bytes`);
          return undefined;
        }
        const tail = trailers + 4;
        if (rest.length > tail) this.reusable = false;
        return this.#answer();
      }
      if (this.#buf.length < eol + 2 + size + 2) return undefined;
      const end = eol + 2 + size;
      if (this.#buf[end] !== 0x0d || this.#buf[end + 1] !== 0x0a) throw new AnswerError('chunk not followed by CRLF');
      this.#append(this.#buf.subarray(eol + 2, end));
      this.#buf = this.#buf.subarray(end + 2);
    }
  }

  #append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#bodyBytes += bytes.length;
    if (this.#bodyBytes > this.#maxBodyBytes) throw new AnswerError(`answer larger than ${this.#maxBodyBytes} bytes`);
    // A copy: `bytes` may be a view of the socket's chunk, which is not ours to keep.
    this.#body.push(Buffer.from(bytes));
  }

  #answer(): Http1Answer {
    return { status: this.#status, headers: this.#headers ?? {}, body: Buffer.concat(this.#body).toString('utf8') };
  }
}
