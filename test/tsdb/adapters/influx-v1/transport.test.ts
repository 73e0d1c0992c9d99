// The v1 transport for /ping and /query (node:http, one keep-alive agent) against a real TCP server that
// answers byte for byte what each test scripts: the request as sent, keep-alive reuse, the one resend a stale
// pooled socket earns (endpoint.ts, the rule the write client shares), and the failures that earn none.
import { afterEach, describe, expect, it } from 'vitest';
import { expectStatus } from '../../adapter-contract/helpers.ts';
import { InfluxEndpoint } from '../../../../src/tsdb/adapters/influx-v1/endpoint.ts';
import { InfluxHttp } from '../../../../src/tsdb/adapters/influx-v1/transport.ts';
import { scriptedServer, type Script } from './scripted-server.ts';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c(); // clients before the servers they hold open
});

async function setup(script: Script, timeoutMs = 5000) {
  const server = await scriptedServer(script);
  const http = new InfluxHttp(new InfluxEndpoint({ uri: server.uri, username: 'u', password: 'p', timeoutMs }));
  closers.push(server.close, () => http.close());
  return { server, http };
}

const JSON_OK = '{"results":[{"statement_id":0}]}';
const OK = { pieces: [`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${JSON_OK.length}\r\n\r\n${JSON_OK}`] };

describe('v1 transport (/query over node:http)', () => {
  it('sends the statement as InfluxDB reads it and reuses one keep-alive connection', async () => {
    const { server, http } = await setup(() => OK);
    await http.exec('CREATE DATABASE "a b"');
    await http.exec('SHOW DATABASES', { db: 'x' });
    expect(server.connections()).toBe(1);
    const [first = ''] = server.requests;
    expect(first.split('\r\n')[0]).toBe('POST /query HTTP/1.1');
    expect(first).toMatch(/\r\nauthorization: Basic dTpw\r\n/i);
    expect(first).toMatch(/\r\ncontent-type: application\/x-www-form-urlencoded\r\n/i);
    expect(first.endsWith('\r\n\r\nq=CREATE+DATABASE+%22a+b%22')).toBe(true);
  });

  it('a pooled socket the server closed while idle costs one resend on a fresh socket, not a failure', async () => {
    // Each connection answers its first request and closes on the second without a byte of answer, as a
    // server does with a keep-alive socket it dropped while idle (influxd restarted): the request never reached it.
    const { server, http } = await setup((_req, nth) => (nth === 1 ? OK : 'close'));
    for (let i = 0; i < 4; i++) await http.exec(`DROP DATABASE "d${i}"`);
    // Statements 2-4 each met a dead pooled socket first: 4 answered + 3 resent requests over 4 connections.
    expect(server.connections()).toBe(4);
    expect(server.requests).toHaveLength(7);
    expect(server.requests.filter((r) => r.endsWith('%22d3%22'))).toHaveLength(2);
  });

  it('a fresh connection closed without an answer is 503, sent once', async () => {
    const { server, http } = await setup(() => 'close');
    const err = await expectStatus(http.exec('SHOW DATABASES'), 503);
    expect(err.statusCode).toBe(503);
    expect(err.message).toMatch(/^InfluxDB at http:\/\/127\.0\.0\.1:\d+ is unreachable: /);
    expect(server.requests).toHaveLength(1);
  });

  it('a silent server is 503 after the deadline, never resent', async () => {
    const { server, http } = await setup(() => 'silent', 200);
    const err = await expectStatus(http.exec('SHOW DATABASES'), 503);
    expect([err.statusCode, err.message]).toEqual([503, `InfluxDB at ${new URL(server.uri).origin} did not answer within 200 ms`]);
    expect(server.requests).toHaveLength(1);
  });
});
