// `npm run --silent emulator -- <command>`: the /__emulator/ API from a shell, answers printed as JSON.
// Exit 0 on success, 1 when the server refused (its JSON error on stderr), 2 for bad usage.
import { readFile, writeFile } from 'node:fs/promises';
import { parseFlags, UsageError } from '../cli-usage.ts';

export { UsageError } from '../cli-usage.ts';

export const USAGE = `usage: npm run --silent emulator -- [--url URL] [--token TOKEN] <command>
  devices                                   list DeviceHub devices
  device ID '{"online":false,"failed_tags":["Pressure"],"values":{"Temperature":{"constant":99}}}'
  faults                                    list API faults
  fault add '{"match":{"path":"/stats/db*"},"effect":{"status":503},"times":3}'
  fault rm ID | fault clear
  tsdb                                      show the TSDB fault
  tsdb down|failing|up [--for-s N] | tsdb slow --latency-ms N [--for-s N]
  reset                                     back to a first start (tokens kept)
  snapshot save FILE | snapshot restore FILE
  scenarios | scenario start FILE|JSON | scenario stop
  metrics | metric set FAMILY JSON | metric rm FAMILY ['{"name":"/"}'] | metric clear
--url defaults to $EMULATOR_URL or http://127.0.0.1:$PORT (8080); --token to $EMULATOR_TOKEN or $ADMIN_TOKEN.`;


export interface CliRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** JSON text, or a file whose bytes are sent as a snapshot archive. */
  json?: string;
  uploadFile?: string;
  /** Where a binary answer (a snapshot) is written instead of stdout. */
  saveTo?: string;
}

const seg = encodeURIComponent;
/** Answers go to stdout as they are, one line, for `| jq`. */
const out = (text: string) => void process.stdout.write(text.endsWith('\n') ? text : text + '\n');

function jsonArg(text: string | undefined, what: string): string {
  if (text === undefined) throw new UsageError(`${what} needs a JSON argument`);
  try {
    JSON.parse(text);
  } catch {
    throw new UsageError(`${what}: not valid JSON: ${text}`);
  }
  return text;
}

/** Pure: the words after the script to one request (or `help`). */
export function parseCli(argv: string[]): { request: CliRequest | 'help'; url?: string | undefined; token?: string | undefined } {
  const { values: v, positionals: p } = parseFlags(argv, {
    url: { type: 'string' },
    token: { type: 'string' },
    'for-s': { type: 'string' },
    'latency-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const out = { url: v.url, token: v.token };
  if (v.help || p.length === 0 || p[0] === 'help') return { ...out, request: 'help' };
  const [cmd, a, b, c] = p;
  const request = ((): CliRequest => {
    switch (cmd) {
      case 'devices':
        return { method: 'GET', path: '/__emulator/devices' };
      case 'device':
        if (!a) throw new UsageError('device needs an ID');
        return { method: 'PUT', path: `/__emulator/devices/${seg(a)}`, json: jsonArg(b, 'device') };
      case 'faults':
        return { method: 'GET', path: '/__emulator/faults' };
      case 'fault':
        if (a === 'add') return { method: 'POST', path: '/__emulator/faults', json: jsonArg(b, 'fault add') };
        if (a === 'rm' && b) return { method: 'DELETE', path: `/__emulator/faults/${seg(b)}` };
        if (a === 'clear') return { method: 'DELETE', path: '/__emulator/faults' };
        throw new UsageError('fault add JSON | fault rm ID | fault clear');
      case 'tsdb': {
        if (!a) return { method: 'GET', path: '/__emulator/tsdb' };
        const body: Record<string, unknown> = { state: a };
        if (v['latency-ms'] !== undefined) body.latency_ms = Number(v['latency-ms']);
        if (v['for-s'] !== undefined) body.for_s = Number(v['for-s']);
        return { method: 'PUT', path: '/__emulator/tsdb', json: JSON.stringify(body) };
      }
      case 'reset':
        return { method: 'POST', path: '/__emulator/reset' };
      case 'snapshot':
        if (a === 'save' && b) return { method: 'GET', path: '/__emulator/snapshot', saveTo: b };
        if (a === 'restore' && b) return { method: 'PUT', path: '/__emulator/snapshot', uploadFile: b };
        throw new UsageError('snapshot save FILE | snapshot restore FILE');
      case 'scenarios':
        return { method: 'GET', path: '/__emulator/scenarios' };
      case 'scenario':
        if (a === 'start' && b) return { method: 'POST', path: '/__emulator/scenarios', ...(b.trim().startsWith('{') ? { json: jsonArg(b, 'scenario start') } : { uploadFile: b }) };
        if (a === 'stop') return { method: 'DELETE', path: '/__emulator/scenarios' };
        throw new UsageError('scenario start FILE|JSON | scenario stop');
      case 'metrics':
        return { method: 'GET', path: '/__emulator/metrics' };
      case 'metric':
        if (a === 'set' && b) return { method: 'PUT', path: `/__emulator/metrics/${seg(b)}`, json: jsonArg(c, 'metric set') };
        if (a === 'rm' && b) {
          const labels = c ? (JSON.parse(jsonArg(c, 'metric rm')) as Record<string, string>) : {};
          const query = new URLSearchParams(labels).toString();
          return { method: 'DELETE', path: `/__emulator/metrics/${seg(b)}${query ? `?${query}` : ''}` };
        }
        if (a === 'clear') return { method: 'DELETE', path: '/__emulator/metrics' };
        throw new UsageError('metric set FAMILY JSON | metric rm FAMILY [LABELS] | metric clear');
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  })();
  return { ...out, request };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.request === 'help') {
    out(USAGE);
    return 0;
  }
  const env = process.env;
  const url = (parsed.url ?? env.EMULATOR_URL ?? `http://127.0.0.1:${env.PORT || '8080'}`).replace(/\/$/, '');
  const token = parsed.token ?? env.EMULATOR_TOKEN ?? env.ADMIN_TOKEN;
  if (!token) {
    console.error(`no token: pass --token or set EMULATOR_TOKEN (an admin token)\n${USAGE}`);
    return 2;
  }
  const r = parsed.request;
  const headers: Record<string, string> = { authorization: 'Basic ' + Buffer.from(`${token}:`).toString('base64') };
  let body: string | Buffer | undefined;
  if (r.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = r.json;
  } else if (r.uploadFile !== undefined) {
    const bytes = await readFile(r.uploadFile);
    const isJson = /\.(json|ya?ml)$/i.test(r.uploadFile);
    headers['content-type'] = isJson ? (/\.ya?ml$/i.test(r.uploadFile) ? 'application/yaml' : 'application/json') : 'application/gzip';
    body = bytes;
  }
  const res = await fetch(url + r.path, { method: r.method, headers, body: typeof body === 'string' ? body : body && new Uint8Array(body) });
  if (!res.ok) {
    console.error(await res.text());
    return 1;
  }
  if (r.saveTo !== undefined) {
    const bytes = Buffer.from(await res.arrayBuffer());
    await writeFile(r.saveTo, bytes, { mode: 0o600 });
    out(JSON.stringify({ saved: r.saveTo, bytes: bytes.length }));
    return 0;
  }
  const text = await res.text();
  out(text === '' ? JSON.stringify({ ok: true, status: res.status }) : text);
  return 0;
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(JSON.stringify({ error: 'CLI failure', message: err instanceof Error ? err.message : String(err) }));
      process.exit(1);
    },
  );
}
