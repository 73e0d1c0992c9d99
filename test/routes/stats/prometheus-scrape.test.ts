// End to end: the whole app listening on a real port, a real Prometheus scraping /stats/metrics
// with basic_auth (token as username, empty password), node_memory_used read back through
// Prometheus's HTTP API; and promtool parsing the live output.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.ts';
import { testConfig } from '../../../support/config.ts';
import { promtoolCheckMetrics, startPrometheus, type RunningPrometheus } from '../../../support/prometheus.ts';

const TOKEN = 'e2e-admin-token-0123456789abcdef0123456789';
const VENDOR_COUNTER_LINT = /^node_network_(receive|transmit) counter metrics should have "_total" suffix$/;

let dataDir: string;
let app: FastifyInstance;
let address: string;
let prometheus: RunningPrometheus | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'datahub-e2e-'));
  app = await buildApp(testConfig({ dataDir, adminToken: TOKEN }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  address = `127.0.0.1:${port}`;
});

afterAll(async () => {
  await prometheus?.stop();
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const auth = { authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}` };

describe('GET /stats/metrics over HTTP', () => {
  it('needs the token like every other route', async () => {
    const res = await fetch(`http://${address}/stats/metrics`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('answers with the vendor content type and an output promtool accepts', async () => {
    const res = await fetch(`http://${address}/stats/metrics`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    const problems = await promtoolCheckMetrics(await res.text());
    expect(problems.filter((p) => !VENDOR_COUNTER_LINT.test(p))).toEqual([]);
  });

  it('gives the golden files to promtool too, with the same single complaint', async () => {
    const dir = path.resolve(import.meta.dirname, '../../fixtures/exposition');
    for (const file of await readdir(dir)) {
      const problems = await promtoolCheckMetrics(await readFile(path.join(dir, file), 'utf8'));
      expect(problems.filter((p) => !VENDOR_COUNTER_LINT.test(p))).toEqual([]);
    }
  });
});

describe('a real Prometheus', () => {
  it('scrapes with basic_auth and serves node_memory_used back through its query API', async () => {
    prometheus = await startPrometheus({ address, metricsPath: '/stats/metrics', username: TOKEN });
    const result = await prometheus.queryUntil('node_memory_used{job="datahub"}', 20_000);
    const value = Number(result[0]?.value[1]);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(100);
    const up = await prometheus.queryUntil('up{job="datahub"}', 5_000);
    expect(up[0]?.value[1]).toBe('1');
  });
});
