// What every real-server harness needs (influxd, nats-server, prometheus, the emulator itself): a free
// loopback port, a binary that must be installed (a missing one fails loudly, never skips), and a stop
// that escalates from SIGTERM to SIGKILL.
import { spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Binds port 0 on loopback, reads what the kernel chose, releases it. */
export function freePort(): Promise<number> {
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
