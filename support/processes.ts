// What every real-server harness needs (influxd, nats-server, prometheus, the emulator itself): a free
// loopback port, a binary that must be installed (a missing one fails loudly, never skips), and a stop
// that escalates from SIGTERM to SIGKILL.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A loopback port nobody listens on, reserved for the life of this process. The kernel's answer alone is
 * only a guess (the port is released before the caller's server binds it, and a harness that restarts a
 * server reuses its port): parallel test files and bench workers used to pick a port another one was
 * about to bind, and one harness then talked to the other's server. Every port handed out here is also
 * recorded in a shared directory, so no other process using this function gets it until this one exits.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await kernelPort();
    if (reservePort(port, RESERVED_DIR)) return port;
  }
  throw new Error(`freePort: 100 ports in a row were reserved by other processes (see ${RESERVED_DIR})`);
}

const RESERVED_DIR = path.join(tmpdir(), 'datahub-emulator-ports');

/** Binds port 0 on loopback, reads what the kernel chose, releases it. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Creates <dir>/<port> holding our pid (O_EXCL); a file whose process has exited is taken over. */
export function reservePort(port: number, dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, String(port));
  if (tryCreate(file)) return true;
  if (ownerAlive(file)) return false;
  // Stale: move it aside under a name of our own, so two processes reclaiming it cannot both win.
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return false;
  }
  rmSync(aside, { force: true });
  return tryCreate(file);
}

function tryCreate(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  releaseAtExit(file);
  return true;
}

// The reservations this process holds, removed when it exits (a killed process leaves its files behind,
// which the pid check above reclaims). Test-harness state, one per process by design.
const heldHere = new Set<string>();

function releaseAtExit(file: string): void {
  if (heldHere.size === 0) process.once('exit', () => heldHere.forEach((f) => rmSync(f, { force: true })));
  heldHere.add(file);
}

function ownerAlive(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return true; // gone or unreadable this instant: someone is working on it
  }
  // An empty file is one being written right now.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The binary's path on PATH, or an error naming the Debian package to install. */
export function requireBinary(bin: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || !path) {
    throw new Error(`${bin} not found on PATH: install the Debian package \`${debianPackage}\` (apt-get install ${debianPackage})`);
  }
  return path;
}

/** Whether the child is still running (one killed by a signal has exitCode null too). */
export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process has exited. */
export async function stopChild(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
