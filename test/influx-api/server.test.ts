// src/server.ts with INFLUX_PORT: the Influx API listens beside the API (same HOST), and a port already in
// use stops start-up with one line naming INFLUX_PORT.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/auth.ts';
import { freePort } from '../../support/processes.ts';
import { eventually } from '../../support/wait.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
let dir: string;
let remove: () => Promise<void>;
const children: ChildProcess[] = [];
beforeAll(async () => ({ dir, remove } = await tempDir('influx-server-')));
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await remove();
});

function start(env: Record<string, string>) {
  const child = spawn(NODE, ['src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', SIM_DEVICES: '0', HOST: '127.0.0.1', DATA_DIR: path.join(dir, env.PORT ?? 'x'), ...env },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, out: () => out, err: () => err, exit };
}

describe('INFLUX_PORT', () => {
  it('serves the Influx API beside the API and stops with SIGTERM', async () => {
    const [port, influxPort] = [await freePort(), await freePort()];
    const p = start({ PORT: String(port), INFLUX_PORT: String(influxPort) });
    expect(await eventually(async () => p.out().includes('Server listening') || p.child.exitCode !== null, 20_000)).toBe(true);
    const ping = await fetch(`http://127.0.0.1:${influxPort}/ping`);
    expect([ping.status, ping.headers.get('x-influxdb-version')]).toEqual([204, '1.8.10']);
    const query = await fetch(`http://127.0.0.1:${influxPort}/query?q=SHOW+DATABASES`);
    expect([query.status, await query.text()]).toEqual([401, '{"error":"unable to parse authentication credentials"}\n']);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('a port in use stops start-up with one line naming INFLUX_PORT', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const taken = (busy.address() as { port: number }).port;
    try {
      const p = start({ PORT: String(await freePort()), INFLUX_PORT: String(taken) });
      expect(await p.exit).toBe(2);
      expect(p.err()).toBe(`INFLUX_PORT: cannot listen on 127.0.0.1:${taken} (port in use); set another port or INFLUX_PORT=off\n`);
    } finally {
      busy.close();
    }
  });
});
