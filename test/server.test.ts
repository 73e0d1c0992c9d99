// src/server.ts as a real process: bad configuration exits with one clear line, a fresh start prints
// its generated token once, the CLI's changes reach the running server, and SIGTERM lets an
// in-flight request finish before exiting 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir } from '../support/auth.ts';
import { freePort } from '../support/processes.ts';
import { eventually } from '../support/wait.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
}

const running: Proc[] = [];
let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => ({ dir, remove } = await tempDir('server-')));
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});
afterAll(() => remove());

function start(script: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(NODE, [script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', SIM_DEVICES: '0', INFLUX_PORT: 'off', ...env },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const proc = { child, out: () => out, err: () => err, exit };
  running.push(proc);
  return proc;
}


async function startServer(dataDir: string): Promise<{ proc: Proc; url: string; port: number }> {
  const port = await freePort();
  const proc = start('src/server.ts', { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) });
  const up = await eventually(async () => proc.out().includes('Server listening') || proc.child.exitCode !== null, 20_000);
  if (!up || proc.child.exitCode !== null) throw new Error(`server did not start:\n${proc.out()}\n${proc.err()}`);
  return { proc, url: `http://127.0.0.1:${port}`, port };
}

describe('bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, /^invalid configuration: PORT \(got "abc"\): must be a whole number from 0 to 65535\n$/],
    [{ TLS: 'bogus' }, /^invalid configuration: TLS \(got "bogus"\): allowed: off, self-signed\n$/],
    [{ TLS_CERT: '/nonexistent/c.pem', TLS_KEY: '/nonexistent/k.pem' }, /^fatal: TLS_CERT: cannot read \/nonexistent\/c\.pem \(ENOENT\)\n$/],
  ])('%j: one line on stderr naming the variable, non-zero exit, no stack', async (env, line) => {
    const proc = start('src/server.ts', { DATA_DIR: path.join(dir, 'bad'), ...env });
    expect(await proc.exit).toBeGreaterThan(0);
    expect(proc.err()).toMatch(line);
    expect(proc.out()).toBe('');
  });
});

describe('a running server', () => {
  // Five Node processes start one after another here (two servers, three CLI runs), each loading TypeScript:
  // at a load average of 20 on 2 cores that passed the default 30 s, so this test gets 90 s.
  it('prints a generated token once, sees CLI changes, and drains an in-flight request on SIGTERM', { timeout: 90_000 }, async () => {
    const dataDir = path.join(dir, 'run');
    const { proc, url, port } = await startServer(dataDir);
    const token = /only this once:\s+(\S+)/.exec(proc.out())?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(proc.out().split(token)).toHaveLength(3); // the line itself and the curl example, nowhere else
    expect(await readFile(path.join(dataDir, 'tokens.json'), 'utf8')).not.toContain(token);

    expect((await fetch(`${url}/x`)).status).toBe(401);
    expect((await fetch(`${url}/x`, { headers: { authorization: basic(token) } })).status).toBe(404);

    // The CLI writes tokens.json while the server runs; the server follows within a second or two.
    const cli = start('src/auth/token-cli.ts', { DATA_DIR: dataDir }, ['create', '--name', 'late', '--role', 'read']);
    expect(await cli.exit).toBe(0);
    const late = cli.out().trim();
    const status = async (t: string, method = 'GET') =>
      (await fetch(`${url}/x`, { method, headers: { authorization: basic(t) } })).status;
    expect(await eventually(async () => (await status(late)) === 404, 3_000)).toBe(true);
    expect(await status(late, 'DELETE')).toBe(403);
    const revoke = start('src/auth/token-cli.ts', { DATA_DIR: dataDir }, ['revoke', '--name', 'late']);
    expect(await revoke.exit).toBe(0);
    expect(await eventually(async () => (await status(late)) === 401, 3_000)).toBe(true);

    // Hold a request open mid-body, then SIGTERM: the server stops accepting but finishes it.
    // Node answers `Expect: 100-continue` as it hands the request to Fastify, so seeing the 100
    // proves the request is in flight (routed) before the signal.
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c.toString()));
    const body = JSON.stringify({ hello: 'world' });
    const head = `POST /x HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(token)}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`;
    await write(socket, head);
    expect(await eventually(async () => answer.includes('100 Continue'), 5_000)).toBe(true);
    await write(socket, body.slice(0, 5));
    proc.child.kill('SIGTERM');
    expect(await eventually(() => refused(port), 5_000)).toBe(true);
    expect(answer).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    await write(socket, body.slice(5));
    expect(await eventually(async () => answer.includes('\r\n\r\n{'), 5_000)).toBe(true);
    expect(answer).toMatch(/\r\n\r\nHTTP\/1\.1 404 /);
    socket.destroy();
    expect(await proc.exit).toBe(0);
    expect(proc.err()).toBe('');

    // A second start finds the token and prints none.
    const again = await startServer(dataDir);
    expect(again.proc.out()).not.toMatch(/only this once/);
    expect((await fetch(`${again.url}/x`, { headers: { authorization: basic(token) } })).status).toBe(404);
    again.proc.child.kill('SIGTERM');
    expect(await again.proc.exit).toBe(0);
  });
});

describe('the compile cache', () => {
  // Node writes NODE_COMPILE_CACHE only at a clean exit; a first start that is SIGKILLed must still leave it
  // written, or every later start loads the TypeScript stripper again (~28 MB resident for its whole life).
  it('is written once the server listens, before any exit', { timeout: 60_000 }, async () => {
    const cache = path.join(dir, 'compile-cache');
    const port = await freePort();
    const proc = start('src/server.ts', { DATA_DIR: path.join(dir, 'cache-run'), HOST: '127.0.0.1', PORT: String(port), NODE_COMPILE_CACHE: cache });
    expect(await eventually(async () => proc.out().includes('Server listening'), 20_000)).toBe(true);
    const cached = async () => (await Promise.all((await readdir(cache).catch(() => [])).map((d) => readdir(path.join(cache, d))))).flat().length;
    expect(await eventually(async () => (await cached()) > 0, 20_000)).toBe(true);
    proc.child.kill('SIGKILL');
    await proc.exit;
    expect(await cached()).toBeGreaterThan(0);
  });
});

function write(socket: Socket, data: string): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

describe('npm start', () => {
  // Users and docker-compose run `npm start`, and a supervisor signals npm, not node: the start script
  // must `exec` node so npm's forwarded SIGTERM reaches the server instead of orphaning it.
  it('passes SIGTERM through to the server, which exits 0', async () => {
    const port = await freePort();
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'info', SIM_DEVICES: '0', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: path.join(dir, 'npm-start') },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      expect(await eventually(async () => out.includes('Server listening'), 20_000)).toBe(true);
      const pid = Number(/"pid":(\d+)/.exec(out)?.[1]);
      expect(pid).toBeGreaterThan(0);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      // The server process itself is gone, not orphaned behind npm.
      expect(await eventually(async () => !processExists(pid), 10_000)).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
