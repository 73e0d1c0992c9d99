// Test support: a real Prometheus (Debian package `prometheus`) on a free port in a temp dir,
// scraping given targets with basic_auth, queried through its HTTP API; and `promtool check metrics`.
// A missing binary fails the test with the install hint; it never skips.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopChild } from './processes.ts';


function spawnOrExplain(bin: string, args: string[]): ChildProcess {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.once('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') child.emit('missing', new Error(`${bin} not found: apt-get install -y prometheus`));
  });
  return child;
}

export interface ScrapeTarget {
  address: string;
  metricsPath: string;
  /** basic_auth username (the API token); the password stays empty. */
  username: string;
}

export interface RunningPrometheus {
  url: string;
  /** Runs an instant query until it returns at least one series, or throws after timeoutMs. */
  queryUntil(promql: string, timeoutMs: number): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>>;
  /** GET /api/v1/alerts: the alerts of the loaded rules, pending or firing. */
  alerts(): Promise<Array<{ labels: Record<string, string>; state: string }>>;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** Rule files to load (evaluated every second, like the scrapes). */
  ruleFiles?: string[];
}

export async function startPrometheus(target: ScrapeTarget, options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'prometheus-'));
  const port = await freePort();
  const configFile = path.join(dir, 'prometheus.yml');
  await writeFile(
    configFile,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      ...(options.ruleFiles?.length ? ['rule_files:', ...options.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
      'scrape_configs:',
      '  - job_name: datahub',
      `    metrics_path: ${JSON.stringify(target.metricsPath)}`,
      '    basic_auth:',
      `      username: ${JSON.stringify(target.username)}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(target.address)}]`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const child = spawnOrExplain('prometheus', [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        settled = true;
        reject(err);
      };
      child.once('missing', fail);
      child.once('exit', (code) => fail(new Error(`prometheus exited with ${code}: ${output}`)));
      const poll = async () => {
        if (settled) return;
        try {
          if ((await fetch(`${url}/-/ready`)).ok) {
            settled = true;
            return resolve();
          }
        } catch {
          // not listening yet
        }
        setTimeout(() => void poll(), 200);
      };
      void poll();
    });
  } catch (err) {
    await stop();
    throw err;
  }

  const queryUntil: RunningPrometheus['queryUntil'] = async (promql, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as { status: string; data?: { result: [] } };
      if (body.status === 'success' && body.data && body.data.result.length > 0) return body.data.result;
      if (Date.now() > deadline) {
        const targets = await (await fetch(`${url}/api/v1/targets`)).text();
        throw new Error(`no result for ${promql}; targets: ${targets}; prometheus log: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const alerts: RunningPrometheus['alerts'] = async () => {
    const body = (await (await fetch(`${url}/api/v1/alerts`)).json()) as { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } };
    return body.data.alerts;
  };

  return { url, queryUntil, alerts, stop };
}

/** Runs `promtool check metrics` on an exposition; returns its complaints, one per line. */
export async function promtoolCheckMetrics(text: string): Promise<string[]> {
  const child = spawnOrExplain('promtool', ['check', 'metrics']);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('missing', reject);
    child.once('close', resolve);
    child.stdin?.end(text);
  });
  // 0: clean; 3: lint problems only (listed); anything else: it could not parse the input.
  if (code !== 0 && code !== 3) throw new Error(`promtool check metrics failed (${code}): ${output}`);
  return output.split('\n').filter((l) => l.trim() !== '');
}
