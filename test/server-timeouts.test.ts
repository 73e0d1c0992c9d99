// The HTTP server's timeouts on a real listening app (HTTP_*_TIMEOUT_MS): a client that trickles its headers or
// its body is answered 408 and cut, a connection that sends nothing and an idle keep-alive connection are closed,
// and a request that arrives whole is served. Every wait is on a socket event, never a sleep.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config } from '../src/config.ts';
import { testConfig } from '../support/config.ts';
import { AUTH, startApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let port: number;
beforeAll(async () => {
  ({ app: t, port } = await listening({ requestTimeoutMs: 500, connectionTimeoutMs: 20_000, keepAliveTimeoutMs: 20_000 }));
});
afterAll(() => t?.close());

async function listening(http: Config['http']): Promise<{ app: TestApp; port: number }> {
  const app = await startApp(undefined, { http });
  await app.app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.app.server.address() as AddressInfo).port };
}

interface Client {
  socket: Socket;
  /** Everything the server sent. */
  received(): string;
  /** Resolves when the server closed the connection (we never end it ourselves). */
  closed: Promise<void>;
}

async function open(to = port): Promise<Client> {
  const socket = connect(to, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = '';
  socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
  // A reset after the 408 is the server cutting us too.
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => data, closed };
}

/** Writes `piece` every 50 ms until the server closes the connection; returns how many pieces went out. */
async function trickle(c: Client, piece: string): Promise<number> {
  let sent = 0;
  const timer = setInterval(() => {
    if (c.socket.writable) {
      c.socket.write(piece);
      sent++;
    }
  }, 50);
  await c.closed;
  clearInterval(timer);
  return sent;
}

describe('HTTP server timeouts', () => {
  it('answers 408 and cuts a client that trickles its headers', async () => {
    const c = await open();
    c.socket.write(`GET /stats/metrics HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\n`);
    // Five bytes per piece: the 16 KiB header limit is minutes away, so only the request timeout can cut this.
    const pieces = await trickle(c, 'a:1\r\n');
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(c.received()).toContain('"statusCode":408');
    expect(pieces).toBeGreaterThan(0);
  });

  it('answers 408 and cuts a client that trickles its body', async () => {
    const c = await open();
    c.socket.write(
      'POST /stats/db HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n' +
        `Authorization: ${AUTH}\r\n\r\n{"dbName":"`,
    );
    // One byte per piece: 10,000 bytes would take minutes, so the body never completes.
    const pieces = await trickle(c, 'x');
    expect(pieces).toBeLessThan(10_000);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    const listed = await t.request({ method: 'GET', url: '/stats/db' });
    expect(listed.json<{ name: string }[]>().some((d) => d.name.startsWith('x'))).toBe(false);
  });

  it('closes a connection that never sends a byte', async () => {
    const c = await open();
    await c.closed;
    expect(c.received()).not.toContain('200 OK');
  });

  it('serves a request that arrives whole, then closes the idle keep-alive connection', async () => {
    // Its own app with the default request timeout, so a slow machine cannot turn this request into a 408.
    const { app, port: other } = await listening({ ...testConfig().http, keepAliveTimeoutMs: 500 });
    try {
      const c = await open(other);
      c.socket.write(`GET /stats/metrics HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\n\r\n`);
      await c.closed;
      expect(c.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(c.received()).toMatch(/\r\nconnection: keep-alive\r\n/i);
      expect(c.received()).toContain('# TYPE node_cpu_idle gauge');
    } finally {
      await app.close();
    }
  });
});
