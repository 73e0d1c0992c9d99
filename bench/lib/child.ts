// Child processes of a bench run: spawn with captured output, wait until they answer HTTP, and stop
// them (SIGTERM, then SIGKILL) so a run never leaves anything behind, even when a case throws.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  name: string;
  pid: number;
  proc: ChildProcess;
  /** Last few KB of stdout+stderr, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export const NODE = new URL('../../node_modules/.bin/node', import.meta.url).pathname;

export function startChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  const keep = (d: Buffer) => {
    buf = (buf + d.toString()).slice(-8192);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  if (proc.pid === undefined) throw new Error(`${name}: failed to spawn ${cmd}`);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    name,
    pid: proc.pid,
    proc,
    output: () => buf,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Resolves once `url` answers any HTTP status; rejects if the child exits or time runs out. */
export async function waitForHttp(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) {
      throw new Error(`${child.name} exited with ${child.proc.exitCode}:\n${child.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output()}`);
}

/** Keeps every started child so run.ts can stop them all on exit or failure. */
export class ChildSet {
  private readonly children: Child[] = [];
  add<T extends Child>(c: T): T {
    this.children.push(c);
    return c;
  }
  async stopAll(): Promise<void> {
    const all = this.children.splice(0);
    await Promise.all(all.map((c) => c.stop()));
  }
}
