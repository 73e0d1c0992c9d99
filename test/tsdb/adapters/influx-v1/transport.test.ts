// The v1 transport (node:http, one keep-alive agent) and the write path's POST /write on it, against a real
// TCP server that answers byte for byte what each test scripts: the request as sent, keep-alive reuse, the
// one resend a stale pooled socket earns, and the failures that earn none.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/errors.ts';
import { InfluxHttp } from '../../../../src/tsdb/adapters/influx-v1/transport.ts';
import { postWrite } from '../../../../src/tsdb/adapters/influx-v1/write/index.ts';

/** What to do with the nth (1-based) whole request on a connection: bytes to write back, then maybe close. */
type Script = (req: string, nth: number) => { bytes: string; close?: boolean } | 'close' | 'silent';

/** A server that reads each request up to its Content-Length, then does what the script says. */
async function scriptedServer(script: Script) {
  let connections = 0;
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buf = '';
    let nth = 0;
    // A server that has decided to close reads no further request on that connection (a real one discards it).
    let ended = false;
    socket.on('data', (d: Buffer) => {
      if (ended) return;
      buf += d.toString('latin1');
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
        if (buf.length < end + 4 + length) return;
        const req = buf.slice(0, end + 4 + length);
        buf = buf.slice(req.length);
        requests.push(req);
        const out = script(req, ++nth);
        if (out === 'silent') return;
        if (out === 'close') {
          ended = true;
          socket.end();
          return;
        }
        socket.write(out.bytes);
        if (out.close) {
          ended = true;
          socket.end();
          return;
        }
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    uri: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c(); // clients before the servers they hold open
});

async function setup(script: Script, timeoutMs = 5000) {
  const server = await scriptedServer(script);
  const http = new InfluxHttp({ uri: server.uri, username: 'u', password: 'p', timeoutMs });
  closers.push(server.close, () => http.close());
  return { server, http };
}

const NO_CONTENT = { bytes: 'HTTP/1.1 204 No Content\r\n\r\n' };

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('v1 transport and POST /write', () => {
  it('sends the write as InfluxDB reads it and reuses one keep-alive connection', async () => {
    const { server, http } = await setup(() => NO_CONTENT);
    let flushed = 0;
    await postWrite(http, 'a b', Buffer.from('m v=1 1'), () => flushed++);
    await postWrite(http, 'a b', Buffer.from('m v=2 2'));
    expect(flushed).toBe(1);
    expect(server.connections()).toBe(1);
    const [first = ''] = server.requests;
    expect(first.split('\r\n')[0]).toBe('POST /write?db=a+b&precision=ms HTTP/1.1');
    expect(first).toMatch(/\r\nauthorization: Basic dTpw\r\n/i);
    expect(first).toMatch(/\r\ncontent-type: text\/plain; charset=utf-8\r\n/i);
    expect(first).toMatch(/\r\ncontent-length: 7\r\n/i);
    expect(first.endsWith('\r\n\r\nm v=1 1')).toBe(true);
  });

  it('a pooled socket the server closed while idle costs one resend on a fresh socket, not a failure', async () => {
    // Each connection answers its first request and closes on the second without a byte of answer, as a
    // server does with a keep-alive socket it dropped while idle (influxd restarted): the request never reached it.
    const { server, http } = await setup((_req, nth) => (nth === 1 ? NO_CONTENT : 'close'));
    for (let i = 0; i < 4; i++) await postWrite(http, 'db', Buffer.from(`m v=${i} ${i}`));
    // Writes 2-4 each met a dead pooled socket first: 4 answered + 3 resent requests over 4 connections.
    expect(server.connections()).toBe(4);
    expect(server.requests).toHaveLength(7);
    expect(server.requests.filter((r) => r.endsWith('m v=3 3'))).toHaveLength(2);
  });

  it('a fresh connection closed without an answer is 503, sent once', async () => {
    const { server, http } = await setup(() => 'close');
    const err = await failure(postWrite(http, 'db', Buffer.from('m v=1 1')));
    expect(err.statusCode).toBe(503);
    expect(err.message).toMatch(/^InfluxDB at http:\/\/127\.0\.0\.1:\d+ is unreachable: /);
    expect(server.requests).toHaveLength(1);
  });

  it('a silent server is 503 after the deadline, never resent', async () => {
    const { server, http } = await setup(() => 'silent', 200);
    const err = await failure(postWrite(http, 'db', Buffer.from('m v=1 1')));
    expect([err.statusCode, err.message]).toEqual([503, `InfluxDB at ${new URL(server.uri).origin} did not answer within 200 ms`]);
    expect(server.requests).toHaveLength(1);
  });

  it("an answer other than 204 is InfluxDB's error, mapped, with its text", async () => {
    const body = '{"error":"partial write: field type conflict"}';
    const { server, http } = await setup(() => ({
      bytes: `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    }));
    const err = await failure(postWrite(http, 'db', Buffer.from('m v=1 1')));
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain('field type conflict');
    expect(server.requests).toHaveLength(1);
  });
});
