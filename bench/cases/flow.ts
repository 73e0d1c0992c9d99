// Case 3b, data-plane flow: DeviceHub messages published to a real nats-server at a fixed rate by one
// process, consumed by the data plane (its own process) into the embedded engine or a real influxd.
// Reports messages/s landed, publish→stored lag p50/p99, drops and the consumer's peak RSS.
import { execFile, fork } from 'node:child_process';
import { promisify } from 'node:util';
import { startInfluxd } from '../../support/influxd.ts';
import { startNatsServer } from '../../support/nats-server.ts';
import { NODE } from '../lib/child.ts';
import type { BenchOptions } from '../lib/options.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';

const run = promisify(execFile);
const CONSUMER = new URL('../workers/flow-consumer.ts', import.meta.url).pathname;
const PUBLISHER = new URL('../workers/publisher.ts', import.meta.url).pathname;

interface FlowResult {
  received: number;
  landed: number;
  /** First message received to last batch stored. */
  storeSeconds: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  rssPeakMb: number;
  cpuS: number;
  writer: { droppedOverflow: number; failedAttempts: number };
}

async function flow(natsUrl: string, consumerArgs: Record<string, unknown>, o: BenchOptions): Promise<FlowResult & { published: number; seconds: number }> {
  const child = fork(CONSUMER, [JSON.stringify({ natsUrl, ...consumerArgs })], { execPath: NODE, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`flow consumer exited with ${code}`)));
    });
    await next();
    const { stdout } = await run(NODE, [PUBLISHER, natsUrl, String(o.msgRate), String(o.flowS)], { timeout: (o.flowS + 60) * 1000 });
    const pub = JSON.parse(stdout.trim()) as { published: number; seconds: number };
    const done = next();
    child.send({ finish: pub.published });
    const r = (await done) as unknown as FlowResult;
    return { ...r, ...pub };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  }
}

function row(subject: string, r: FlowResult & { published: number; seconds: number }): Row {
  return {
    case: 'flow',
    subject,
    throughput: r.landed / Math.max(r.storeSeconds, r.seconds),
    unit: 'msgs/s',
    p50Ms: r.lagP50,
    p99Ms: r.lagP99,
    rssMb: r.rssPeakMb,
    errors: r.published - r.landed,
    note: `lag publish→stored; ${r.published.toLocaleString('en-US')} sent, ${r.received.toLocaleString('en-US')} received, ${r.writer.droppedOverflow} dropped`,
    extra: { published: r.published, received: r.received, landed: r.landed, lagMaxMs: r.lagMax, consumerCpuS: r.cpuS, publishSeconds: r.seconds, storeSeconds: r.storeSeconds },
  };
}

export async function flowCase(o: BenchOptions): Promise<CaseResult> {
  const nats = await startNatsServer();
  const rows: Row[] = [];
  const targets: Target[] = [];
  try {
    const emb = await flow(nats.url, { mode: 'embedded', db: 'tsdata' }, o);
    rows.push(row(`NATS → data plane → embedded @ ${o.msgRate}/s`, emb));
    const rate = emb.landed / Math.max(emb.storeSeconds, emb.seconds);
    targets.push({
      target: `${o.msgRate.toLocaleString('en-US')} msgs/s NATS → embedded, bounded memory`,
      measured: `${Math.round(rate).toLocaleString('en-US')} msgs/s landed, lag p99 ${emb.lagP99} ms, RSS ${emb.rssPeakMb.toFixed(0)} MB, ${emb.writer.droppedOverflow} dropped`,
      met: rate >= o.msgRate * 0.98 && emb.landed === emb.published,
    });
    const influxd = await startInfluxd();
    try {
      await influxd.query('CREATE DATABASE "tsdata"');
      const v1 = await flow(nats.url, { mode: 'v1', db: 'tsdata', url: influxd.url, username: influxd.admin.username, password: influxd.admin.password }, o);
      rows.push(row(`NATS → data plane → influxd (v1) @ ${o.msgRate}/s`, v1));
    } finally {
      await influxd.dispose();
    }
    return { rows, targets };
  } finally {
    await nats.dispose();
  }
}
