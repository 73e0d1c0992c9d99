// GET /health through the real server process, without credentials: 200 while every part is usable, 503
// naming the part that is not (embedded storage removed, the internal InfluxDB stopped, /proc unreadable,
// the API shutting down), and the container probe (src/health/probe-cli.ts) exiting by that answer.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorProcess } from '../../support/emulator.ts';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
// Each test starts server (and probe) processes: under a loaded machine's start-up times the default 30 s is short.
const PROCESS_TEST_TIMEOUT_MS = 120_000;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function emulator(env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const e = await startEmulator(env);
  cleanup.push(() => e.dispose());
  return e;
}

async function health(e: EmulatorProcess): Promise<{ status: number; body: unknown }> {
  const res = await e.fetch('/health', { auth: false });
  expect(res.headers.get('cache-control')).toBe('no-store');
  return { status: res.status, body: await res.json() };
}

const allUp = { status: 'pass', checks: { api: 'up', sampler: 'up', tsdb: 'up' } };
const tsdbDown = { status: 'fail', checks: { api: 'up', sampler: 'up', tsdb: 'down' } };

/** The container HEALTHCHECK as the image runs it, with the server's own environment. */
function probe(e: EmulatorProcess): Promise<{ code: number; stdout: string }> {
  const port = new URL(e.url).port;
  return new Promise((resolve) => {
    execFile(NODE, ['src/health/probe-cli.ts'], { cwd: ROOT, env: { PATH: process.env.PATH, HOST: '0.0.0.0', PORT: port } }, (err, stdout) =>
      resolve({ code: err ? Number(err.code) : 0, stdout }),
    );
  });
}

describe('GET /health on the embedded engine', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('is 200 without credentials, then 503 naming the TSDB once DATA_DIR is removed', async () => {
    const e = await emulator();
    expect((await e.fetch('/stats/db', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dbName":"plant_secret"}' })).status).toBe(204);
    const up = await health(e);
    expect(up).toEqual({ status: 200, body: allUp });
    expect(await probe(e)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^200 \{"status":"pass"/) });

    await rm(e.dataDir, { recursive: true, force: true });
    const down = await health(e);
    expect(down).toEqual({ status: 503, body: tsdbDown });
    expect(JSON.stringify(down.body)).not.toContain('plant_secret');
    expect(await probe(e)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^503 \{"status":"fail"/) });
    // Why goes to the log, not the answer.
    await e.waitForOutput(/"part":"tsdb".*"msg":"health: part down"/);
  });

  it('is 503 naming the sampler when /proc cannot be read', async () => {
    const emptyProc = await mkdtemp(path.join(tmpdir(), 'empty-proc-'));
    cleanup.push(() => rm(emptyProc, { recursive: true, force: true }));
    const e = await emulator({ PROC_ROOT: emptyProc });
    expect(await health(e)).toEqual({ status: 503, body: { status: 'fail', checks: { api: 'up', sampler: 'down', tsdb: 'up' } } });
  });

  it('is 503 naming the API once SIGTERM has begun the shutdown, while in-flight requests still drain', async () => {
    const e = await emulator();
    expect(await health(e)).toEqual({ status: 200, body: allUp });
    // An InfluxDB API write whose body is still arriving keeps the drain going (that API closes first, then
    // this one); `Expect: 100-continue` makes the server say when it holds the request, not just the socket.
    const write = net.connect(e.influxPort, '127.0.0.1');
    let answer = '';
    write.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    await once(write, 'connect');
    const line = 'drain v=1\n';
    write.write(`POST /write?db=tsdata HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: ${line.length}\r\n\r\n`);
    await once(write, 'data');
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue/);

    const stopped = e.stop();
    await e.waitForOutput(/"msg":"shutting down: draining in-flight requests"/);
    expect(await health(e)).toEqual({ status: 503, body: { status: 'fail', checks: { api: 'down', sampler: 'up', tsdb: 'up' } } });
    expect(await probe(e)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^503 \{"status":"fail"/) });

    // The held request is still answered, then the process exits as a graceful shutdown does.
    write.end(line);
    await once(write, 'close');
    expect(answer).toMatch(/HTTP\/1\.1 (204|401) /);
    expect(await stopped).toBe(0);
  });

  it('the probe fails when nothing listens', async () => {
    const e = await emulator();
    await e.stop();
    expect(await probe(e)).toMatchObject({ code: 1, stdout: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe('GET /health with the internal source on a real InfluxDB 1.x', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('is 503 naming the TSDB while influxd is stopped, 200 again once it is back', async () => {
    const influx: Influxd = await startInfluxd();
    cleanup.push(() => influx.dispose());
    const e = await emulator({
      INTERNAL_INFLUX_URL: influx.url,
      INTERNAL_INFLUX_USERNAME: influx.admin.username,
      INTERNAL_INFLUX_PASSWORD: influx.admin.password,
    });
    expect(await health(e)).toEqual({ status: 200, body: allUp });
    await influx.stop();
    expect(await health(e)).toEqual({ status: 503, body: tsdbDown });
    await influx.start();
    expect(await health(e)).toEqual({ status: 200, body: allUp });
    await e.waitForOutput(/"part":"tsdb","msg":"health: part usable again"/);
  });
});
