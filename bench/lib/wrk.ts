// HTTP load from a separate process: wrk (Debian), one thread so the server under test keeps the other
// core of a 2-core machine. Results come back through a Lua done() hook as JSON.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = new URL('./wrk-report.lua', import.meta.url).pathname;

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Socket errors plus non-2xx/3xx answers; a case with errors reports them rather than a clean figure. */
  errors: number;
  mbPerSec: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  threads?: number;
}

interface WrkJson {
  requests: number;
  duration_us: number;
  bytes: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Pure: extracts the JSON line our Lua hook prints. */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const j = JSON.parse(line.slice('WRK_JSON '.length)) as WrkJson;
  const secs = j.duration_us / 1e6;
  return {
    requests: j.requests,
    rps: j.requests / secs,
    p50Ms: j.p50 / 1000,
    p90Ms: j.p90 / 1000,
    p99Ms: j.p99 / 1000,
    maxMs: j.max / 1000,
    errors: j.connect + j.read + j.write + j.status + j.timeout,
    mbPerSec: j.bytes / secs / 1e6,
  };
}

export function assertWrk(): void {
  if (!existsSync('/usr/bin/wrk')) throw new Error('wrk is missing: apt-get install -y wrk');
}

export async function wrk(opts: LoadOptions): Promise<LoadResult> {
  const args = [`-t${opts.threads ?? 1}`, `-c${opts.connections}`, `-d${opts.durationS}s`, '--timeout', '5s'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push('-s', SCRIPT, opts.url);
  const { stdout } = await run('/usr/bin/wrk', args, { maxBuffer: 1 << 20 });
  return parseWrkOutput(stdout);
}

/** Warm-up (discarded) then the measured run, on fresh connections each time. */
export async function measure(opts: LoadOptions, warmupS: number): Promise<LoadResult> {
  if (warmupS > 0) await wrk({ ...opts, durationS: warmupS });
  return wrk(opts);
}
