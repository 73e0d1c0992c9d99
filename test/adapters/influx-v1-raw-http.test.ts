// The write path's bare HTTP/1.1 client against a real TCP server that answers byte for byte what each test
// scripts: framing (length, chunked, close), keep-alive reuse, interim answers, timeouts, stale sockets.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawHttpConnections, RawHttpError, type RawHttpRequest } from '../../src/tsdb/adapters/influx-v1/raw-http.ts';
import { InfluxHttp } from '../../src/tsdb/adapters/influx-v1/transport.ts';

interface Script {
  /** Called with each whole request (head and body) a connection received; returns what to write back. */
  answer(req: string, connection: number): { bytes: string[]; close?: boolean } | undefined;
}

/** A server that reads a request up to its Content-Length, then writes the scripted pieces one by one. */
async function scriptedServer(script: Script) {
  let connections = 0;
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    const id = ++connections;
    let buf = '';
    // A server that has decided to close reads no further request on that connection (a real one discards
    // it). Without this, a request racing our FIN was recorded and then resent on a fresh socket: counted twice.
    let ended = false;
    const onData = async (d: Buffer) => {
      if (ended) return;
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const req = buf.slice(0, end + 4 + length);
      buf = buf.slice(req.length);
      requests.push(req);
      const out = script.answer(req, id);
      if (!out) return; // never answer
      if (out.close) ended = true;
      for (const piece of out.bytes) {
        socket.write(piece);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (out.close) socket.end();
    };
    socket.on('data', (d: Buffer) => void onData(d));
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    connections: () => connections,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c(); // clients before the servers they hold open
});

async function setup(script: Script) {
  const server = await scriptedServer(script);
  const conns = new RawHttpConnections(server.url);
  closers.push(server.close, () => conns.close());
  return { server, conns };
}

const req = (over: Partial<RawHttpRequest> = {}): RawHttpRequest => ({
  method: 'POST',
  path: '/write?db=a%20b&precision=ms',
  headers: { Authorization: 'Basic eDp5' },
  body: Buffer.from('m v=1 1'),
  timeoutMs: 2000,
  maxBodyBytes: 1024,
  ...over,
});

describe('raw HTTP/1.1 write client', () => {
  it('sends head and body as written, reads a Content-Length answer, reuses the connection', async () => {
    const { server, conns } = await setup({
      answer: (_r, id) => ({ bytes: [`HTTP/1.1 400 Bad Request\r\nContent-Length: 13\r\nX-Id: ${id}\r\n\r\n{"error":"x"}`] }),
    });
    let flushed = 0;
    const a = await conns.request(req({ flushed: () => flushed++ }));
    const b = await conns.request(req());
    expect([a.status, a.body, a.headers['x-id'], b.headers['x-id']]).toEqual([400, '{"error":"x"}', '1', '1']);
    expect(flushed).toBe(1);
    expect(server.connections()).toBe(1);
    expect(server.requests[0]).toBe(
      `POST /write?db=a%20b&precision=ms HTTP/1.1\r\nHost: ${server.url.host}\r\nAuthorization: Basic eDp5\r\nContent-Length: 7\r\n\r\nm v=1 1`,
    );
  });

  it('reads a chunked body split across packets, after an interim 100 answer', async () => {
    const { conns } = await setup({
      answer: () => ({
        bytes: ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Int', 'ernal\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', 'lo\r\n6\r\n world\r\n0\r\n', '\r\n'],
      }),
    });
    const res = await conns.request(req());
    expect([res.status, res.body]).toEqual([500, 'hello world']);
  });

  it('takes a body framed by the close, and a Connection: close answer, without reusing either socket', async () => {
    const { server, conns } = await setup({
      answer: (r) =>
        r.includes('first')
          ? { bytes: ['HTTP/1.1 200 OK\r\n\r\npartial ', 'and the rest'], close: true }
          : { bytes: ['HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'] },
    });
    const a = await conns.request(req({ body: Buffer.from('first') }));
    const b = await conns.request(req());
    const c = await conns.request(req());
    expect([a.body, b.status, c.status]).toEqual(['partial and the rest', 204, 204]);
    expect(server.connections()).toBe(3);
  });

  it('times out a silent server with ETIMEDOUT, not marked for a resend', async () => {
    const { conns } = await setup({ answer: () => undefined });
    const err = await conns.request(req({ timeoutMs: 100 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RawHttpError);
    expect([(err as RawHttpError).code, (err as RawHttpError).reused]).toEqual(['ETIMEDOUT', false]);
  });

  it('refuses an answer over the size bound and one that is not HTTP', async () => {
    const big = await setup({ answer: () => ({ bytes: [`HTTP/1.1 400 X\r\nContent-Length: 2000\r\n\r\n${'x'.repeat(2000)}`] }) });
    await expect(big.conns.request(req())).rejects.toThrow(/larger than 1024 bytes/);
    const junk = await setup({ answer: () => ({ bytes: ['SSH-2.0-OpenSSH\r\n\r\n'] }) });
    await expect(junk.conns.request(req())).rejects.toThrow(/not an HTTP\/1.x answer/);
  });

  it('reports a refused connection with its code', async () => {
    const server = await scriptedServer({ answer: () => undefined });
    await server.close();
    const conns = new RawHttpConnections(server.url);
    const err = (await conns.request(req()).catch((e: unknown) => e)) as RawHttpError;
    expect([err.code, err.reused]).toEqual(['ECONNREFUSED', false]);
  });

  it('through the transport: a socket the server closed while idle costs a resend, not a failure', async () => {
    // Answers without announcing the close, then closes: the next write finds a dead pooled socket.
    const { server } = await setup({ answer: () => ({ bytes: ['HTTP/1.1 204 No Content\r\n\r\n'], close: true }) });
    const http = new InfluxHttp({ uri: server.url.href, username: 'u', password: 'p', timeoutMs: 2000 });
    closers.push(() => http.close());
    for (let i = 0; i < 5; i++) await http.write('db', Buffer.from(`m v=${i} 1`));
    expect(server.requests).toHaveLength(5);
    expect(server.requests.every((r) => r.includes('Authorization: Basic dTpw\r\n'))).toBe(true);
  });
});
