// The emulator as users run it: `node src/server.ts` in a child process on free loopback ports (API and
// INFLUX_PORT), a temp DATA_DIR and a known admin token; ready once it logs that it listens. restart()
// keeps DATA_DIR and ports. For tests that need the real HTTP server, its process or a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopChild } from './processes.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
export const EMULATOR_TOKEN = 'emulator-process-admin-token-0123456789';

export interface EmulatorProcess {
  /** http://127.0.0.1:<PORT> */
  readonly url: string;
  /** The port INFLUX_PORT was given: the emulator's own InfluxDB 1.x address is http://127.0.0.1:<influxPort>. */
  readonly influxPort: number;
  readonly dataDir: string;
  /** fetch relative to url, authenticated as the admin unless `auth: false`. */
  fetch(pathname: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  /** Everything the process wrote to stdout and stderr since its last start. */
  output(): string;
  /** Resolves once output() matches (log lines reach the pipe after the response that caused them). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** stop() then start again on the same DATA_DIR, ports and environment. */
  restart(): Promise<void>;
  /** stop() and remove DATA_DIR (if it was created here). */
  dispose(): Promise<void>;
}

export async function startEmulator(env: Record<string, string> = {}, dataDir?: string): Promise<EmulatorProcess> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'emulator-process-')));
  const [port, influxPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let out = '';
  // Set when the process exits without stop(): later calls fail with its output instead of a bare ECONNREFUSED.
  let crashed: Error | undefined;
  let stopping = false;

  async function start(): Promise<void> {
    out = '';
    crashed = undefined;
    stopping = false;
    const proc = spawn(NODE, ['src/server.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        INFLUX_PORT: String(influxPort),
        DATA_DIR: dir,
        ADMIN_TOKEN: EMULATOR_TOKEN,
        LOG_LEVEL: 'info',
        SIM_DEVICES: '0',
        ...env,
      },
    });
    child = proc;
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        // The InfluxDB API may announce itself first: wait for the API's own address.
        if (out.includes(`Server listening at ${url}`)) resolve();
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.once('exit', (code, signal) => {
        const err = new Error(`emulator exited with ${code ?? signal}:\n${out.slice(-8000)}`);
        if (!stopping) crashed = err;
        reject(err);
      });
    });
    await listening;
  }

  const auth = `Basic ${Buffer.from(`${EMULATOR_TOKEN}:`).toString('base64')}`;
  const stop = async () => {
    const c = child;
    if (!c) return null;
    stopping = true;
    await stopChild(c, 10_000);
    return c.exitCode;
  };
  await start();
  return {
    url,
    influxPort,
    dataDir: dir,
    fetch: (pathname, { auth: withAuth = true, ...init } = {}) => {
      if (crashed) return Promise.reject(crashed);
      return fetch(url + pathname, {
        ...init,
        headers: { ...(withAuth ? { authorization: auth } : {}), ...(init.headers as Record<string, string> | undefined) },
        signal: init.signal ?? AbortSignal.timeout(30_000),
      });
    },
    output: () => out,
    async waitForOutput(pattern, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (Date.now() > end) throw new Error(`emulator output never matched ${pattern}:\n${out.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
