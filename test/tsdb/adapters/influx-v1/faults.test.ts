// The InfluxDB 1.x adapter's failure paths against real servers: influxd stopped and restarted under one
// adapter, wrong and non-admin credentials, a server that never answers, and a non-InfluxDB answer.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../adapter-contract/helpers.ts';
import { startInfluxd, type Influxd } from '../../../../support/influxd.ts';
import { makeAdapter } from './support.ts';

let influxd: Influxd;
beforeAll(async () => {
  influxd = await startInfluxd();
  await influxd.query('CREATE DATABASE "plant"');
  await influxd.query(`CREATE USER "reader" WITH PASSWORD 'r-pw-Secret!'`);
  await influxd.query('GRANT READ ON "plant" TO "reader"');
});
afterAll(async () => {
  await influxd?.dispose();
});

const point = { measurement: 'm', tags: {}, fields: { v: 1 }, timestampMs: Date.UTC(2024, 0, 1) };

describe('influx_v1.x adapter faults', () => {
  it('influxd down: 503 naming the source, test answers is_connected false; back up: same adapter works', async () => {
    const { adapter } = makeAdapter(influxd.url, influxd.admin, 2000);
    try {
      await adapter.listDatabases(); // a pooled keep-alive socket now exists
      await influxd.stop();
      const err = await expectStatus(adapter.listDatabases(), 503);
      expect(err.message).toContain(influxd.url);
      expect(err.retryable).toBe(true);
      expect((await expectStatus(adapter.writePoints('plant', [point]), 503)).message).toMatch(/unreachable: .*ECONNREFUSED/);
      await expectStatus(adapter.createUser('u', 'pw', []), 503);
      const test = await adapter.testConnection();
      expect(test.is_connected).toBe(false);
      expect(test.response).toMatch(/ECONNREFUSED/);

      await influxd.start();
      expect((await adapter.listDatabases()).map((d) => d.name)).toEqual(['plant']);
      await adapter.writePoints('plant', [point]);
      expect((await adapter.testConnection()).is_connected).toBe(true);
    } finally {
      await adapter.close();
    }
  });

  it('wrong password: 502 keeping InfluxDB text, never the password, in errors and logs', async () => {
    const secret = 'Wr0ng-Secret-Pw';
    const { adapter, logs } = makeAdapter(influxd.url, { username: 'admin', password: secret });
    try {
      const err = await expectStatus(adapter.listDatabases(), 502);
      expect(err.message).toContain('authorization failed');
      expect(err.message).toContain(influxd.url);
      expect(err.message).not.toContain(secret);
      const test = await adapter.testConnection();
      expect(test).toEqual({ is_connected: false, response: expect.stringContaining('authorization failed') });
      expect(test.response).not.toContain(secret);
      await expectStatus(adapter.writePoints('plant', [point]), 502);
      expect(logs.join('')).not.toContain(secret);
    } finally {
      await adapter.close();
    }
  });

  it('non-admin account: admin statements are 502 with InfluxDB text; sizes fall back to 0, logged once', async () => {
    const { adapter, logs } = makeAdapter(influxd.url, { username: 'reader', password: 'r-pw-Secret!' });
    try {
      await influxd.write('plant', 'm v=1 1000');
      expect(await adapter.listDatabases()).toEqual([{ name: 'plant', size: 0, measurements: ['m'] }]);
      await adapter.listDatabases();
      expect(logs.filter((l) => l.includes('database sizes reported as 0'))).toHaveLength(1);
      const err = await expectStatus(adapter.createDatabase('nope'), 502);
      expect(err.message).toContain('requires admin privilege');
      expect(logs.join('')).not.toContain('r-pw-Secret!');
    } finally {
      await adapter.close();
    }
  });
});

describe('influx_v1.x adapter against servers that are not a healthy InfluxDB', () => {
  let silent: TcpServer;
  let proxy: Server;
  const sockets: Socket[] = [];
  let silentUrl = '';
  let proxyUrl = '';

  beforeAll(async () => {
    // Accepts connections and never answers: the adapter's own deadline must end the call.
    silent = createTcpServer((s) => sockets.push(s));
    proxy = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Gateway login</body></html>');
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    await new Promise((r) => proxy.close(r));
  });

  it('no answer within the timeout is 503 that says so', async () => {
    const { adapter } = makeAdapter(silentUrl, influxd.admin, 300);
    try {
      const err = await expectStatus(adapter.listDatabases(), 503);
      expect(err.message).toBe(`InfluxDB at ${silentUrl} did not answer within 300 ms`);
      // Writes (write/post.ts): their own client, the same deadline (endpoint.ts), the same answer.
      const writeErr = await expectStatus(adapter.writePoints('plant', [point]), 503);
      expect(writeErr.message).toBe(`InfluxDB at ${silentUrl} did not answer within 300 ms`);
      expect((await adapter.testConnection()).is_connected).toBe(false);
    } finally {
      await adapter.close();
    }
  });

  it('an HTML page instead of InfluxDB JSON is 502 with an excerpt', async () => {
    const { adapter } = makeAdapter(proxyUrl, influxd.admin);
    try {
      const err = await expectStatus(adapter.listDatabases(), 502);
      expect(err.message).toContain('Gateway login');
    } finally {
      await adapter.close();
    }
  });
});
