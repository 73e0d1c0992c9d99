// `node src/health/probe-cli.ts`: the container HEALTHCHECK (the image has no curl). Asks the server
// started with the same environment for GET /health on its own address; exit 0 on 200, 1 otherwise,
// with the answer (or the error) on stdout, which is what `docker inspect` keeps.
import http from 'node:http';
import https from 'node:https';
import { loadConfig, type Config } from '../config.ts';

/** Pure: where a process on this machine reaches the server; a wildcard bind is reached on loopback. */
export function probeUrl(config: Pick<Config, 'host' | 'port' | 'tls'>): string {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  const scheme = config.tls.mode === 'off' ? 'http' : 'https';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${config.port}/health`;
}

function get(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // Our own server on this machine: a self-signed certificate is expected, identity is not the question.
    const request = (url.startsWith('https:') ? https : http).get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const url = probeUrl(config);
  try {
    // The route's own bound is the TSDB test's (UPSTREAM_TIMEOUT_MS plus the guard's slack); wait a little longer.
    const { status, body } = await get(url, config.upstreamTimeoutMs + 3000);
    say(`${status} ${body}`);
    return status === 200 ? 0 : 1;
  } catch (err) {
    say(`${url}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      say(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
