// The emulator under test as a real child process (node 24 running src/server.ts), on a free port with a
// temp DATA_DIR and a known admin token. Extra env (INTERNAL_INFLUX_*, NATS_URL, ...) comes from the case.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NODE, startChild, waitForHttp, type Child } from './child.ts';
import { freePort } from './ports.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SERVER = path.join(ROOT, 'src/server.ts');

export interface Emulator {
  child: Child;
  base: string;
  /** http://127.0.0.1:<INFLUX_PORT>, the embedded engine's InfluxDB 1.x API. */
  influxBase: string;
  dataDir: string;
  /** Basic auth header value: the token as username, empty password (the vendor's scheme). */
  auth: string;
  get(pathname: string): Promise<Response>;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  env?: Record<string, string>;
  /** Reuse a DATA_DIR prepared beforehand (seeded); otherwise a fresh temp dir. */
  dataDir?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Leave every setting the bench does not need at the server's default (the simulator included),
   *  as a user's start would; otherwise the simulator is off and logs are at warn. */
  defaults?: boolean;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-emu-'));
  const port = await freePort();
  const influxPort = await freePort();
  const token = randomBytes(24).toString('hex');
  const child = startChild('emulator', NODE, [...(opts.nodeArgs ?? []), SERVER], {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_TOKEN: token,
    // Never the default 8086: benches run beside other servers; the writes case posts here.
    INFLUX_PORT: String(influxPort),
    ...(opts.defaults ? {} : { SIM_DEVICES: '0', LOG_LEVEL: 'warn' }),
    ...opts.env,
  });
  const base = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${token}:`).toString('base64')}`;
  try {
    await waitForHttp(child, `${base}/`);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return {
    child,
    base,
    influxBase: `http://127.0.0.1:${influxPort}`,
    dataDir,
    auth,
    get: (p) => fetch(base + p, { headers: { authorization: auth } }),
    async stop() {
      await child.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Launch {
  env: Record<string, string>;
  nodeArgs: string[];
}

/** package.json's `scripts.start`, which must read `[VAR=value ...] [exec] node [--flag ...] src/server.ts`. */
export function parseStartScript(script: string): Launch {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (let w = words[i]; w !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w); w = words[++i]) {
    // `${VAR:-default}` keeps a value the user exported (docker-compose sets its own cache dir).
    env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1).replace(/^\$\{[A-Za-z_][A-Za-z0-9_]*:-(.*)\}$/, '$1');
  }
  const fail = () => new Error(`scripts.start is not "[VAR=value ...] [exec] node [--flag ...] src/server.ts": ${script}`);
  // `exec` makes the shell npm runs the script in become node, so signals npm forwards reach the server.
  if (words[i] === 'exec') i++;
  if (words[i++] !== 'node') throw fail();
  const nodeArgs: string[] = [];
  for (let w = words[i]; w?.startsWith('-'); w = words[++i]) nodeArgs.push(w);
  if (words[i] !== 'src/server.ts' || i !== words.length - 1) throw fail();
  return { env, nodeArgs };
}

/**
 * The launch `npm start` uses, read from package.json so the bench measures what users run: today
 * NODE_COMPILE_CACHE (later starts read the type-stripped sources from the cache and never load the
 * TypeScript stripper, a wasm module ~20 MB resident), a 1 MB semi-space (V8 would otherwise grow
 * the young generation to 32 MB during start-up) and glibc's arena count and trim threshold (freed
 * memory goes back to the kernel; bench/README.md, "Memory over time"). With cacheDir, the cache lives
 * there instead of under node_modules/.cache, so a run can measure a first (cold) start; relative paths
 * are resolved against the repository, where npm runs the script.
 */
export function tunedLaunch(cacheDir?: string): Launch {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const launch = parseStartScript(pkg.scripts?.start ?? '');
  const env = { ...launch.env };
  if (env.NODE_COMPILE_CACHE !== undefined) env.NODE_COMPILE_CACHE = cacheDir ?? path.resolve(ROOT, env.NODE_COMPILE_CACHE);
  return { env, nodeArgs: launch.nodeArgs };
}
