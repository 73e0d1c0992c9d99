// A real NATS server for tests and benches: `nats-server` on a free loopback port in a temp dir; stop/start
// keep the port (restart tests), dispose removes everything. Throws (never skips) when the binary is missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, isRunning, requireBinary, stopChild } from './processes.ts';

export interface NatsServer {
  /** nats://127.0.0.1:<port>, stable across stop/start. */
  readonly url: string;
  readonly port: number;
  /** Temp dir holding the log file. */
  readonly dir: string;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Starts it again on the same port, waiting until it greets a client. */
  start(): Promise<void>;
  /** stop() and remove the temp dir. Idempotent. */
  dispose(): Promise<void>;
}

export function natsServerBinary(): string {
  return requireBinary('nats-server', 'nats-server');
}

/** Resolves true once the server sends its INFO greeting on a fresh TCP connection. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.once('data', (d: Buffer) => done(d.toString('latin1').startsWith('INFO')));
  });
}

export interface NatsServerOptions {
  /** Require these credentials from every client. */
  auth?: { user: string; pass: string };
}

export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const bin = natsServerBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'nats-test-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let stderr = '';

  async function start(): Promise<void> {
    if (isRunning(child)) return;
    stderr = '';
    const auth = options.auth ? ['--user', options.auth.user, '--pass', options.auth.pass] : [];
    child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-l', path.join(dir, 'nats.log'), ...auth], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nats-server exited early: ${stderr.slice(-2000)}`);
      if (await greets(port)) return;
      if (Date.now() > deadline) throw new Error(`nats-server not ready after 30 s: ${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const stop = () => stopChild(child);

  const handle: NatsServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    dir,
    start,
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await start();
  } catch (err) {
    await handle.dispose();
    throw err;
  }
  return handle;
}
