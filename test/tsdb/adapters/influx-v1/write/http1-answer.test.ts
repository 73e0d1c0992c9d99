// The write client's HTTP/1.1 answer reader, table-driven on inline bytes: every case is fed whole and then
// one byte at a time, so no framing depends on where the network cut the stream.
import { describe, expect, it } from 'vitest';
import { AnswerError, AnswerReader, type Http1Answer } from '../../../../../src/tsdb/adapters/influx-v1/write/http1-answer.ts';

interface Outcome {
  answer: Http1Answer | undefined;
  reusable: boolean;
  /** The reader's error, if it threw. */
  error?: string;
}

/** Feeds `pieces` in order; `closed` then tells it the socket closed (if no answer came before). */
function read(pieces: Buffer[], closed: boolean, max = 1024): Outcome {
  const r = new AnswerReader(max);
  try {
    for (const p of pieces) {
      const answer = r.push(p);
      if (answer) return { answer, reusable: r.reusable };
    }
    return { answer: closed ? r.end() : undefined, reusable: r.reusable };
  } catch (err) {
    expect(err).toBeInstanceOf(AnswerError);
    return { answer: undefined, reusable: r.reusable, error: (err as Error).message };
  }
}

const bytewise = (s: string) => [...Buffer.from(s, 'latin1')].map((b) => Buffer.from([b]));

interface Case {
  name: string;
  bytes: string;
  closed?: boolean;
  want: Partial<Http1Answer> | undefined;
  reusable?: boolean;
  /** When fed a byte at a time, if it differs: the reader cannot see bytes that come after the answer. */
  reusableBytewise?: boolean;
  error?: RegExp;
}

const cases: Case[] = [
  { name: "influxd's 204", bytes: 'HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\nX-Influxdb-Version: 1.6.7\r\n\r\n', want: { status: 204, body: '', headers: { 'content-type': 'application/json', 'x-influxdb-version': '1.6.7' } }, reusable: true },
  { name: 'a Content-Length body', bytes: 'HTTP/1.1 400 Bad Request\r\nContent-Length: 13\r\n\r\n{"error":"x"}', want: { status: 400, body: '{"error":"x"}' }, reusable: true },
  { name: 'a status line without a reason', bytes: 'HTTP/1.1 204\r\n\r\n', want: { status: 204 }, reusable: true },
  { name: 'header names in any case, values trimmed', bytes: 'HTTP/1.1 500 X\r\nCONTENT-length:  2 \r\n\r\nhi', want: { status: 500, body: 'hi' }, reusable: true },
  { name: 'UTF-8 in the body', bytes: 'HTTP/1.1 400 X\r\nContent-Length: 4\r\n\r\n\xc3\xa9\xc3\xa9', want: { body: 'éé' } },
  { name: 'a chunked body with an extension and a trailer', bytes: 'HTTP/1.1 500 X\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n', want: { status: 500, body: 'hello world' }, reusable: true },
  { name: 'interim 100 Continue then the answer', bytes: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n', want: { status: 204 }, reusable: true },
  { name: 'two interim answers', bytes: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n', want: { status: 204 } },
  { name: 'Connection: close', bytes: 'HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n', want: { status: 204 }, reusable: false },
  { name: 'HTTP/1.0 without keep-alive', bytes: 'HTTP/1.0 204 No Content\r\n\r\n', want: { status: 204 }, reusable: false },
  { name: 'HTTP/1.0 with keep-alive', bytes: 'HTTP/1.0 204 No Content\r\nConnection: keep-alive\r\n\r\n', want: { status: 204 }, reusable: true },
  // Bytes that arrive later, on an idle socket, are the pool's to catch (http1-pool.ts drops the socket).
  { name: 'bytes after the answer', bytes: 'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n', want: { status: 204 }, reusable: false, reusableBytewise: true },
  { name: 'chunked and Content-Length together', bytes: 'HTTP/1.1 502 X\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n', want: { body: 'ok' }, reusable: false },
  { name: 'a body framed by the close', bytes: 'HTTP/1.1 502 Bad Gateway\r\n\r\n<html>proxy</html>', closed: true, want: { status: 502, body: '<html>proxy</html>' }, reusable: false },
  { name: 'headers cut short by the close', bytes: 'HTTP/1.1 204 No Con', closed: true, want: undefined },
  { name: 'a Content-Length body cut short', bytes: 'HTTP/1.1 400 X\r\nContent-Length: 13\r\n\r\n{"err', closed: true, want: undefined },
  { name: 'a chunked body cut short', bytes: 'HTTP/1.1 400 X\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', closed: true, want: undefined },
  { name: 'no last chunk before the close', bytes: 'HTTP/1.1 400 X\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', closed: true, want: undefined },
  { name: 'not HTTP', bytes: 'SSH-2.0-OpenSSH_9.2\r\n\r\n', want: undefined, error: /not an HTTP\/1\.x answer: "SSH-2\.0/ },
  { name: 'HTTP/2 preface answer', bytes: 'HTTP/2 200\r\n\r\n', want: undefined, error: /not an HTTP\/1\.x answer/ },
  { name: 'a bad Content-Length', bytes: 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', want: undefined, error: /bad Content-Length "-1"/ },
  { name: 'a header line without a colon', bytes: 'HTTP/1.1 200 OK\r\nnonsense\r\n\r\n', want: undefined, error: /malformed answer header/ },
  { name: 'a bad chunk size', bytes: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', want: undefined, error: /bad chunk size/ },
  { name: 'a chunk longer than its size', bytes: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n', want: undefined, error: /chunk not followed by CRLF/ },
  { name: 'a 101 never asked for', bytes: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n', want: undefined, error: /101/ },
  { name: 'a declared body over the bound', bytes: 'HTTP/1.1 400 X\r\nContent-Length: 2000\r\n\r\n', want: undefined, error: /larger than 1024 bytes/ },
  { name: 'a chunked body over the bound', bytes: `HTTP/1.1 400 X\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n${'x'.repeat(1024)}\r\n1\r\nx\r\n0\r\n\r\n`, want: undefined, error: /larger than 1024 bytes/ },
  { name: 'a close-framed body over the bound', bytes: `HTTP/1.1 400 X\r\n\r\n${'x'.repeat(1025)}`, closed: true, want: undefined, error: /larger than 1024 bytes/ },
];

describe('AnswerReader', () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const [split, pieces] of [[false, [Buffer.from(c.bytes, 'latin1')]], [true, bytewise(c.bytes)]] as [boolean, Buffer[]][]) {
        const out = read(pieces, c.closed ?? false);
        if (c.error) expect(out.error).toMatch(c.error);
        else expect(out.error).toBeUndefined();
        if (c.want === undefined) expect(out.answer).toBeUndefined();
        else expect(out.answer).toMatchObject(c.want);
        const reusable = split ? (c.reusableBytewise ?? c.reusable) : c.reusable;
        if (reusable !== undefined) expect(out.reusable).toBe(reusable);
      }
    });
  }

  it('headers that never end are refused past 64 KB instead of buffered', () => {
    const r = new AnswerReader(1024);
    r.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    expect(() => r.push(Buffer.alloc(65 * 1024, 0x61))).toThrow(/headers larger than 65536 bytes/);
  });

  it('says when the first byte arrived, which is what separates a stale socket from a cut answer', () => {
    const r = new AnswerReader(1024);
    expect(r.started).toBe(false);
    r.push(Buffer.from('H'));
    expect(r.started).toBe(true);
  });
});
