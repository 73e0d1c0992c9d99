// The emulator CLI as a user runs it: a real process against the real server on a free port, JSON on
// stdout, the server's error on stderr with exit 1, bad usage with exit 2; snapshots saved and restored.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../../src/emulator/cli.ts';
import { ADMIN_TOKEN, startApp, type TestApp } from '../../support/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

describe('parseCli', () => {
  it.each([
    [['devices'], { method: 'GET', path: '/__emulator/devices' }],
    [['tsdb', 'slow', '--latency-ms', '500', '--for-s', '10'], { method: 'PUT', path: '/__emulator/tsdb', json: '{"state":"slow","latency_ms":500,"for_s":10}' }],
    [['fault', 'rm', 'f 1'], { method: 'DELETE', path: '/__emulator/faults/f%201' }],
    [['snapshot', 'restore', 'x.tar.gz'], { method: 'PUT', path: '/__emulator/snapshot', uploadFile: 'x.tar.gz' }],
    [['metric', 'set', 'node_cpu_user', '{"value":97}'], { method: 'PUT', path: '/__emulator/metrics/node_cpu_user', json: '{"value":97}' }],
  ])('%j', (argv, request) => {
    expect(parseCli(argv).request).toEqual(request);
  });

  it.each([[['fly']], [['device', 'X', '{bad']], [['fault', 'add']], [['snapshot', 'save']], [['--nope']]])('refuses %j', (argv) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
  });
});

describe('emulator CLI against the real server', () => {
  let t: TestApp;
  let url: string;
  let dir: string;
  const cli = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(NODE, ['src/emulator/cli.ts', '--url', url, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, EMULATOR_TOKEN: ADMIN_TOKEN } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    t = await startApp(undefined, { simulator: { devices: 2, tagsPerDevice: 2, intervalMs: 3_600_000 } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), 'emulator-cli-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('lists devices, adds and clears faults, puts the TSDB down and up, as JSON', async () => {
    const devices = await cli('devices');
    expect(devices.code).toBe(0);
    expect((JSON.parse(devices.stdout) as unknown[]).length).toBe(2);
    const added = await cli('fault', 'add', '{"match":{"path":"/stats/db"},"effect":{"status":503}}');
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 'f1', effect: { status: 503 } });
    expect((JSON.parse((await cli('faults')).stdout) as unknown[]).length).toBe(1);
    expect(JSON.parse((await cli('fault', 'clear')).stdout)).toEqual({ ok: true, status: 204 });
    expect(JSON.parse((await cli('tsdb', 'down')).stdout)).toEqual({ state: 'down' });
    expect(JSON.parse((await cli('tsdb', 'up')).stdout)).toEqual({ state: 'up' });
  }, 120_000);

  it('starts a scenario file, shows it, sets and lists overrides, stops', async () => {
    const started = await cli('scenario', 'start', path.join(ROOT, 'examples/scenarios/cpu-spike.json'));
    expect(started.code, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({ running: true, name: 'cpu-spike' });
    const set = await cli('metric', 'set', 'node_storage_available', '{"labels":{"name":"/"},"value":512000}');
    expect(JSON.parse(set.stdout)).toMatchObject({ family: 'node_storage_available', value: 512000 });
    const listed = JSON.parse((await cli('metrics')).stdout) as { family: string }[];
    expect(listed.map((o) => o.family)).toContain('node_storage_available');
    expect((await cli('metric', 'rm', 'node_storage_available', '{"name":"/"}')).code).toBe(0);
    expect((await cli('scenario', 'stop')).code).toBe(0);
    expect(JSON.parse((await cli('scenarios')).stdout)).toEqual({ running: false });
  }, 120_000);

  it('exits 1 with the server error on stderr, 2 for bad usage', async () => {
    const refused = await cli('tsdb', 'slow');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: 'Bad Request', message: expect.stringMatching(/latency_ms/) });
    const usage = await cli('fly');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "fly"/);
  }, 120_000);

  it('saves and restores a snapshot, and resets', async () => {
    const file = path.join(dir, 'snap.tar.gz');
    await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'kept' } });
    const saved = await cli('snapshot', 'save', file);
    expect(saved.code, saved.stderr).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ saved: file });
    expect((await stat(file)).size).toBeGreaterThan(0);
    expect((await cli('reset')).code).toBe(0);
    const names = () => t.request({ method: 'GET', url: '/stats/db' }).then((r) => r.json<{ name: string }[]>().map((d) => d.name));
    expect(await names()).toEqual(['tsdata']);
    const restored = await cli('snapshot', 'restore', file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(await names()).toEqual(['kept', 'tsdata']);
  }, 120_000);
});
