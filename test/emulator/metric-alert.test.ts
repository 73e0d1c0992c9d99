// Metric overrides end to end: /stats/metrics shows them at the next sample; a real Prometheus scraping the
// emulator with the shipped rule (examples/prometheus/alerts.yml) sees DiskAlmostFull fire after an override
// and resolve after its for_s revert, through its own alerts API; promtool passes the shipped rule tests.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, expectJsonError, startApp, type TestApp } from '../../support/test-app.ts';
import { startPrometheus, type RunningPrometheus } from '../../support/prometheus.ts';
import { pollUntil } from '../../support/wait.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples/prometheus');

describe('metric overrides through /stats/metrics and a real Prometheus', () => {
  let t: TestApp;
  let prom: RunningPrometheus;
  let dir: string;
  const scrape = async () => (await t.request({ method: 'GET', url: '/stats/metrics' })).body;

  beforeAll(async () => {
    t = await startApp(undefined, { sampleIntervalMs: 200 });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'emulator-alerts-'));
    // The shipped rule waits `for: 1m`, as a real one would; the test keeps its expression and drops the wait.
    const rules = (await readFile(path.join(EXAMPLES, 'alerts.yml'), 'utf8')).replaceAll('for: 1m', 'for: 0s');
    await writeFile(path.join(dir, 'alerts.yml'), rules);
    const { port } = t.app.server.address() as AddressInfo;
    prom = await startPrometheus(
      { address: `127.0.0.1:${port}`, metricsPath: '/stats/metrics', username: ADMIN_TOKEN },
      { ruleFiles: [path.join(dir, 'alerts.yml')] },
    );
  });
  afterAll(async () => {
    await prom?.stop();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows an override at the next sample and drops it when deleted', async () => {
    const put = await t.request({ method: 'PUT', url: '/__emulator/metrics/node_cpu_user', payload: { value: 97.5 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ family: 'node_cpu_user', value: 97.5 });
    const shown = await pollUntil(scrape, (text) => /^node_cpu_user 97\.5$/m.test(text), 2000);
    expect(shown).toMatch(/^node_cpu_user 97\.5$/m);
    const added = await t.request({ method: 'PUT', url: '/__emulator/metrics/node_network_receive', payload: { labels: { name: 'wwan0' }, rate_per_s: 1e6 } });
    expect(added.statusCode).toBe(200);
    expect(await pollUntil(scrape, (text) => /^node_network_receive\{name="wwan0"\} \d+/m.test(text), 2000)).toMatch(/name="wwan0"/);
    expect((await t.request({ method: 'GET', url: '/__emulator/metrics' })).json<{ family: string }[]>().map((o) => o.family)).toEqual([
      'node_cpu_user',
      'node_network_receive',
    ]);
    expect((await t.request({ method: 'DELETE', url: '/__emulator/metrics/node_cpu_user' })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: '/__emulator/metrics/node_network_receive?name=wwan0' })).statusCode).toBe(204);
    expect(await pollUntil(scrape, (text) => !/^node_cpu_user 97\.5$/m.test(text), 2000)).not.toMatch(/^node_cpu_user 97\.5$/m);
    expectJsonError(await t.request({ method: 'DELETE', url: '/__emulator/metrics/node_cpu_user' }), 404);
  });

  it.each([
    ['node_cpu_usage', { value: 1 }, /unknown metric family/],
    ['node_storage_used', { labels: { mount: '/' }, value: 1 }, /body\.labels\.mount/],
    ['node_network_receive', { value: 1 }, /body\.rate_per_s/],
    ['node_cpu_user', { value: 'high' }, /body\.value/],
    ['node_cpu_user', { value: 1, ramp: { from: 0, to: 1, over_s: 1 } }, /exactly one of value, ramp, walk, rate_per_s/],
  ])('PUT %s %j is a 400 naming the field; nothing changes', async (family, payload, message) => {
    const err = expectJsonError(await t.request({ method: 'PUT', url: `/__emulator/metrics/${family}`, payload }), 400);
    expect(err.message).toMatch(message);
    expect((await t.request({ method: 'GET', url: '/__emulator/metrics' })).json()).toEqual([]);
  });

  it('fires DiskAlmostFull after the override and resolves it after the revert', async () => {
    await prom.queryUntil('node_storage_available', 30_000);
    const disk = async () => (await prom.alerts()).filter((a) => a.labels.alertname === 'DiskAlmostFull');
    expect(await disk()).toEqual([]);
    const put = await t.request({
      method: 'PUT',
      url: '/__emulator/metrics/node_storage_available',
      payload: { labels: { name: '/' }, value: 512_000 },
    });
    expect(put.statusCode).toBe(200);
    const firing = await pollUntil(disk, (a) => a.some((x) => x.state === 'firing'), 30_000);
    expect(firing).toEqual([expect.objectContaining({ state: 'firing', labels: expect.objectContaining({ name: '/', severity: 'critical' }) })]);
    // The revert (for_s does the same by itself; overrides.test.ts covers that clock).
    expect((await t.request({ method: 'DELETE', url: '/__emulator/metrics/node_storage_available?name=%2F' })).statusCode).toBe(204);
    const resolved = await pollUntil(disk, (a) => a.length === 0, 40_000);
    expect(resolved).toEqual([]);
  }, 150_000);

  it('ships rule tests that promtool passes', async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile('promtool', ['test', 'rules', 'alerts.test.yml'], { cwd: EXAMPLES }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
  });
});
