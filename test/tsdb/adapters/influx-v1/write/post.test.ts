// POST /write over the write path's own HTTP/1.1 client, against servers that answer byte for byte what each
// test scripts: the request as sent, keep-alive reuse, the one resend a stale pooled socket earns, answers cut
// in half or framed oddly, servers that close, reset or never answer, one that refuses a body before reading
// it, and TLS. Failures must map as /query's do (upstream-errors.ts): 503 before an answer, InfluxDB's own.
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../../adapter-contract/helpers.ts';
import { loadTls } from '../../../../../src/plugins/tls.ts';
import { InfluxEndpoint } from '../../../../../src/tsdb/adapters/influx-v1/endpoint.ts';
import { WriteClient } from '../../../../../src/tsdb/adapters/influx-v1/write/index.ts';
import { tempDir } from '../../../../../support/auth.ts';
import { scriptedServer, type Script, type ServerOptions } from '../scripted-server.ts';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c(); // clients before the servers they hold open
});

async function setup(script: Script, o: { timeoutMs?: number; server?: ServerOptions; ca?: string } = {}) {
  const server = await scriptedServer(script, o.server);
  const endpoint = new InfluxEndpoint({ uri: server.uri, username: 'u', password: 'p', timeoutMs: o.timeoutMs ?? 5000 });
  const client = new WriteClient(endpoint, o.ca === undefined ? undefined : { ca: o.ca });
  closers.push(server.close, () => client.close());
  return { server, client, origin: new URL(server.uri).origin };
}

const NO_CONTENT = { pieces: ['HTTP/1.1 204 No Content\r\n\r\n'] };
const body = (n: number) => Buffer.from(`m v=${n} ${n}`);

describe('POST /write over the write client', () => {
  it('sends the write as InfluxDB reads it and reuses one keep-alive connection', async () => {
    const { server, client } = await setup(() => NO_CONTENT);
    let flushed = 0;
    await client.post('a b', Buffer.from('m v=1 1'), () => flushed++);
    await client.post('a b', Buffer.from('m v=2 2'));
    expect(flushed).toBe(1);
    expect(server.connections()).toBe(1);
    expect(server.requests[0]).toBe(
      `POST /write?db=a+b&precision=ms HTTP/1.1\r\nHost: ${new URL(server.uri).host}\r\nAuthorization: Basic dTpw\r\n` +
        'Content-Type: text/plain; charset=utf-8\r\nContent-Length: 7\r\n\r\nm v=1 1',
    );
  });

  it('keeps the URL path as a prefix, and sends no Authorization without a username', async () => {
    const server = await scriptedServer(() => NO_CONTENT);
    const client = new WriteClient(new InfluxEndpoint({ uri: `${server.uri}/influx/`, timeoutMs: 5000 }));
    closers.push(server.close, () => client.close());
    await client.post('db', body(1));
    expect(server.requests[0]?.split('\r\n').slice(0, 3)).toEqual([
      'POST /influx/write?db=db&precision=ms HTTP/1.1',
      `Host: ${new URL(server.uri).host}`,
      'Content-Type: text/plain; charset=utf-8',
    ]);
  });

  it('two writes at once go on two sockets, both kept for the next writes', async () => {
    const { server, client } = await setup(() => NO_CONTENT);
    await Promise.all([client.post('db', body(1)), client.post('db', body(2))]);
    await Promise.all([client.post('db', body(3)), client.post('db', body(4))]);
    expect([server.connections(), server.requests.length]).toEqual([2, 4]);
  });

  it('a pooled socket the server closed while idle costs one resend on a fresh socket, not a failure', async () => {
    // Each connection answers its first request and closes on the second without a byte of answer, as a
    // server does with a keep-alive socket it dropped while idle (influxd restarted): the request never reached it.
    const { server, client } = await setup((_req, nth) => (nth === 1 ? NO_CONTENT : 'close'));
    for (let i = 0; i < 4; i++) await client.post('db', body(i));
    expect(server.connections()).toBe(4);
    expect(server.requests).toHaveLength(7);
    expect(server.requests.filter((r) => r.endsWith('m v=3 3'))).toHaveLength(2);
  });

  it('a pooled socket reset before any answer byte is resent once too', async () => {
    const { server, client } = await setup((_req, nth) => (nth === 1 ? NO_CONTENT : 'reset'));
    await client.post('db', body(1));
    await client.post('db', body(2));
    expect([server.connections(), server.requests.length]).toEqual([2, 3]);
  });

  it('a fresh connection closed without an answer is 503, sent once', async () => {
    const { server, client, origin } = await setup(() => 'close');
    const err = await expectStatus(client.post('db', body(1)), 503);
    expect([err.statusCode, err.retryable]).toEqual([503, true]);
    expect(err.message).toBe(`InfluxDB at ${origin} is unreachable: ECONNRESET connection closed before an answer`);
    expect(server.requests).toHaveLength(1);
  });

  it('an answer cut in half is 503 and never resent, even on a pooled socket: the server saw the write', async () => {
    const cuts = ['HTTP/1.1 204 No Con', 'HTTP/1.1 400 Bad Request\r\nContent-Length: 40\r\n\r\n{"error":"par', 'HTTP/1.1 400 X\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'];
    for (const cut of cuts) {
      const { server, client, origin } = await setup((_req, nth) => (nth === 1 ? NO_CONTENT : { pieces: [cut], then: 'close' }));
      await client.post('db', body(1));
      const err = await expectStatus(client.post('db', body(2)), 503);
      expect(err.message).toBe(`InfluxDB at ${origin} is unreachable: ECONNRESET connection closed in the middle of the answer`);
      expect(server.requests).toHaveLength(2);
    }
  });

  it('a fresh connection reset is 503, sent once', async () => {
    // On a fresh socket only: bytes sent just before a reset may be dropped by the receiving kernel, so whether
    // an answer had started is not for a test to rely on.
    const { server, client, origin } = await setup(() => ({ pieces: ['HTTP/1.1 2'], then: 'reset' }));
    const err = await expectStatus(client.post('db', body(1)), 503);
    expect(err.message).toMatch(new RegExp(`^InfluxDB at ${origin} is unreachable: .*ECONNRESET`));
    expect(server.requests).toHaveLength(1);
  });

  it('a silent server is 503 after the deadline, never resent', async () => {
    const { server, client, origin } = await setup(() => 'silent', { timeoutMs: 200 });
    const err = await expectStatus(client.post('db', body(1)), 503);
    expect([err.statusCode, err.message]).toEqual([503, `InfluxDB at ${origin} did not answer within 200 ms`]);
    expect(server.requests).toHaveLength(1);
  });

  it('a refused connection is 503 with its code', async () => {
    const { client, server, origin } = await setup(() => NO_CONTENT);
    await server.close();
    const err = await expectStatus(client.post('db', body(1)), 503);
    expect(err.message).toMatch(new RegExp(`^InfluxDB at ${origin} is unreachable: .*ECONNREFUSED`));
  });

  it("InfluxDB's answers other than 204 are mapped as /query's, with its text, and the socket kept", async () => {
    const json = (status: string, text: string) => {
      const b = JSON.stringify({ error: text });
      return { pieces: [`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${b.length}\r\n\r\n${b}`] };
    };
    const answers = [
      json('400 Bad Request', 'partial write: field type conflict'),
      json('401 Unauthorized', 'authorization failed'),
      json('404 Not Found', 'database not found: "db"'),
      json('503 Service Unavailable', 'shutting down'),
    ];
    const { server, client } = await setup((_req, nth) => answers[nth - 1] ?? NO_CONTENT);
    const mapped: [number, string][] = [
      [400, 'partial write: field type conflict'],
      [502, 'authorization failed'],
      [404, 'database not found: "db"'],
      [503, 'shutting down'],
    ];
    for (const [i, [status, text]] of mapped.entries()) {
      const err = await expectStatus(client.post('db', body(i)), status);
      expect(err.message.replace(/^.* on \/write: /, '')).toBe(text);
    }
    expect(server.connections()).toBe(1);
  });

  it('reads a chunked error after an interim 100 Continue, and a proxy page framed by its close', async () => {
    const { server, client } = await setup((_req, nth) =>
      nth === 1
        ? { pieces: ['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n', 'b\r\n{"error":"x\r\n', '2\r\n"}\r\n0\r\n\r\n'] }
        : { pieces: ['HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html>upstream down</html>'], then: 'close' },
    );
    const a = await expectStatus(client.post('db', body(1)), 502);
    const b = await expectStatus(client.post('db', body(2)), 502);
    expect([a.statusCode, a.message.endsWith('answered 500 on /write: x')]).toEqual([502, true]);
    expect([b.statusCode, b.message.endsWith('answered 502 on /write: <html>upstream down</html>')]).toEqual([502, true]);
    expect(server.connections()).toBe(1);
  });

  it('Connection: close is honoured: the next write opens a fresh socket', async () => {
    const { server, client } = await setup(() => ({ pieces: ['HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'], then: 'close' }));
    for (let i = 0; i < 3; i++) await client.post('db', body(i));
    expect([server.connections(), server.requests.length]).toEqual([3, 3]);
  });

  it('garbage instead of HTTP is 503 naming it', async () => {
    const { client } = await setup(() => ({ pieces: ['SSH-2.0-OpenSSH_9.2\r\n\r\n'] }));
    const err = await expectStatus(client.post('db', body(1)), 503);
    expect([err.statusCode, err.message]).toEqual([503, expect.stringContaining('not an HTTP/1.x answer: "SSH-2.0-OpenSSH_9.2"')]);
  });

  it('a server that refuses the body before reading it: its answer, the body never counted as sent', async () => {
    // 16 MB cannot sit in the socket buffers, so the answer comes while most of the body is still ours.
    const b = JSON.stringify({ error: 'Request Entity Too Large' });
    const { server, client } = await setup(
      () => ({ pieces: [`HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: ${b.length}\r\n\r\n${b}`] }),
      { server: { onHead: true } },
    );
    let flushed = false;
    const err = await expectStatus(client.post('db', Buffer.alloc(16 * 1024 * 1024, 0x61), () => (flushed = true)), 502);
    expect([err.statusCode, err.message.endsWith('answered 413 on /write: Request Entity Too Large')]).toEqual([502, true]);
    // Not flushed: the caller may not reuse the buffer; and the socket is not reused with half a body in it.
    expect(flushed).toBe(false);
    await expectStatus(client.post('db', body(1)), 502);
    expect(server.connections()).toBe(2);
  });

  it('a write after close() is refused with 503, not sent', async () => {
    const { server, client } = await setup(() => NO_CONTENT);
    client.close();
    expect((await expectStatus(client.post('db', body(1)), 503)).statusCode).toBe(503);
    expect(server.connections()).toBe(0);
  });
});

describe('POST /write over TLS', () => {
  let tls: { cert: string; key: string };
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const dir = await tempDir('write-tls-');
    remove = dir.remove;
    const material = await loadTls({ tls: { mode: 'self-signed' }, dataDir: dir.dir });
    if (!material) throw new Error('no TLS material');
    tls = material;
  });
  afterAll(() => remove());

  it('checks the certificate as node:https does: a self-signed one is refused with 503', async () => {
    const { server, client, origin } = await setup(() => NO_CONTENT, { server: { secure: tls } });
    const err = await expectStatus(client.post('db', body(1)), 503);
    expect(err.message).toMatch(new RegExp(`^InfluxDB at ${origin} is unreachable: .*self-signed certificate`));
    expect(server.requests).toHaveLength(0);
  });

  it('writes and reuses the connection once the certificate is trusted', async () => {
    const { server, client } = await setup(() => NO_CONTENT, { server: { secure: tls }, ca: tls.cert });
    await client.post('db', body(1));
    await client.post('db', body(2));
    expect([server.connections(), server.requests.length]).toEqual([1, 2]);
    expect(server.requests[1]?.endsWith('m v=2 2')).toBe(true);
  });
});
