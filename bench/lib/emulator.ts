// The emulator under test as a real child process (node 24 running src/server.ts), on a free port with a
// temp DATA_DIR and a known admin token. Extra env (INTERNAL_INFLUX_*, NATS_URL, ...) comes from the case.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { NODE, startChild, waitForHttp, type Child } from './child.ts';
import { freePort } from './ports.ts';

const SERVER = new URL('../../src/server.ts', import.meta.url).pathname;

export interface Emulator {
  child: Child;
  base: string;
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
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-emu-'));
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const child = startChild('emulator', NODE, [...(opts.nodeArgs ?? []), SERVER], {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    ADMIN_TOKEN: token,
    SIM_DEVICES: '0',
    LOG_LEVEL: 'warn',
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
    dataDir,
    auth,
    get: (p) => fetch(base + p, { headers: { authorization: auth } }),
    async stop() {
      await child.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Launch settings measured as the footprint fix (bench/README): Node's compile cache stores the
 * type-stripped sources, so the TypeScript stripper (a wasm module, ~20 MB resident) is never loaded
 * after the first start, and a 1 MB semi-space stops V8 from touching 32 MB of young generation.
 */
export function tunedLaunch(cacheDir: string): Pick<EmulatorOptions, 'env' | 'nodeArgs'> {
  return { nodeArgs: ['--max-semi-space-size=1'], env: { NODE_COMPILE_CACHE: cacheDir } };
}
