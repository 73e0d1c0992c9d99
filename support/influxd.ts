// A real InfluxDB 1.x for tests and benches: `influxd` with a generated config on free loopback ports in a
// temp dir, auth enabled, an admin user bootstrapped; stop/start keep the data (fault-path tests), dispose
// removes everything. Throws (never skips) when the `influxd` binary is missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, isRunning, requireBinary, stopChild } from './processes.ts';

export interface InfluxdOptions {
  /** `[monitor] store-enabled`: whether `_internal` is written (every 1 s; it appears after the first store). Default false. */
  monitorStore?: boolean;
  /** Default true. With false, no admin user is created and requests need no credentials. */
  auth?: boolean;
}

export interface InfluxQueryResult {
  statement_id: number;
  error?: string;
  series?: { name: string; tags?: Record<string, string>; columns: string[]; values?: unknown[][] }[];
}

export interface Influxd {
  /** http://127.0.0.1:<port>, stable across stop/start. */
  readonly url: string;
  /** The bootstrapped admin (ALL PRIVILEGES); empty strings when auth is off. */
  readonly admin: { username: string; password: string };
  /** Temp dir holding config, meta, data and wal. */
  readonly dir: string;
  /** POST /query as the admin (or `as`); throws on a non-2xx answer, returns the per-statement results. */
  query(q: string, opts?: { db?: string; as?: { username: string; password: string } }): Promise<InfluxQueryResult[]>;
  /** First column of every row of a single SHOW statement (databases, measurements, users). */
  column(q: string, opts?: { db?: string }): Promise<string[]>;
  /** POST /write?precision=ms of line-protocol text as the admin; throws on a non-204 answer. */
  write(db: string, lines: string): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s); data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and dir, waiting until /ping answers. */
  start(): Promise<void>;
  /** stop() and remove the temp dir. Idempotent. */
  dispose(): Promise<void>;
}

const ADMIN = { username: 'admin', password: 'adm1n-Pw"\\\'x' };

export function influxdBinary(): string {
  return requireBinary('influxd', 'influxdb');
}


function configText(dir: string, httpPort: number, rpcPort: number, o: Required<InfluxdOptions>): string {
  const q = (p: string) => JSON.stringify(path.join(dir, p));
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = ${q('meta')}
[data]
  dir = ${q('data')}
  wal-dir = ${q('wal')}
  query-log-enabled = false
[monitor]
  store-enabled = ${o.monitorStore}
  store-interval = "1s"
[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = ${o.auth}
  log-enabled = false
[logging]
  level = "error"
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
`;
}

function basic(u: string, p: string): string {
  return 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');
}

export async function startInfluxd(options: InfluxdOptions = {}): Promise<Influxd> {
  const bin = influxdBinary();
  const o: Required<InfluxdOptions> = { monitorStore: false, auth: true, ...options };
  const dir = await mkdtemp(path.join(tmpdir(), 'influxd-test-'));
  const [httpPort, rpcPort] = [await freePort(), await freePort()];
  const confFile = path.join(dir, 'influxdb.conf');
  await writeFile(confFile, configText(dir, httpPort, rpcPort, o));
  const url = `http://127.0.0.1:${httpPort}`;
  const admin = o.auth ? ADMIN : { username: '', password: '' };
  let child: ChildProcess | undefined;
  let stderr = '';

  const authHeader = (as = admin): Record<string, string> =>
    o.auth ? { authorization: basic(as.username, as.password) } : {};

  async function waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!child || child.exitCode !== null) throw new Error(`influxd exited early: ${stderr.slice(-2000)}`);
      try {
        const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 204) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`influxd not ready after 30 s: ${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function start(): Promise<void> {
    if (isRunning(child)) return;
    stderr = '';
    child = spawn(bin, ['-config', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
    });
    await waitReady();
  }

  const stop = () => stopChild(child);

  async function query(q: string, opts: { db?: string; as?: { username: string; password: string } } = {}) {
    const body = new URLSearchParams({ q, ...(opts.db ? { db: opts.db } : {}) });
    const res = await fetch(`${url}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...authHeader(opts.as) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`influxd /query ${res.status}: ${text}`);
    return (JSON.parse(text) as { results: InfluxQueryResult[] }).results;
  }

  const handle: Influxd = {
    url,
    admin,
    dir,
    query,
    async column(q, opts) {
      const [r] = await query(q, opts);
      if (r?.error) throw new Error(`influxd: ${r.error}`);
      return (r?.series?.[0]?.values ?? []).map((row) => String(row[0]));
    },
    async write(db, lines) {
      const res = await fetch(`${url}/write?db=${encodeURIComponent(db)}&precision=ms`, {
        method: 'POST',
        headers: authHeader(),
        body: lines,
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status !== 204) throw new Error(`influxd /write ${res.status}: ${await res.text()}`);
    },
    stop,
    start,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };

  try {
    await start();
    if (o.auth) {
      // Before the first admin exists, auth-enabled servers accept exactly this statement unauthenticated.
      const res = await fetch(`${url}/query`, {
        method: 'POST',
        body: new URLSearchParams({
          q: `CREATE USER "${admin.username}" WITH PASSWORD '${admin.password.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' WITH ALL PRIVILEGES`,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      // influxd answers 200 with the statement's error in the body: read it, and make sure the admin works.
      const text = await res.text();
      if (!res.ok || text.includes('"error"')) throw new Error(`bootstrapping the admin failed: ${res.status} ${text}\n${stderr.slice(-2000)}`);
      const [users] = await query('SHOW USERS');
      if (!users?.series?.[0]?.values?.some((row) => row[0] === admin.username && row[1] === true)) {
        throw new Error(`influxd at ${url} does not list the admin it just created: ${JSON.stringify(users)}`);
      }
    }
  } catch (err) {
    await handle.dispose();
    throw err;
  }
  return handle;
}
