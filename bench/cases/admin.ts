// Case 2, admin reads: GET /stats/db and GET /stats/users at 10 connections with 50 databases × 200
// measurements and 200 users, on the embedded engine and with the internal source on a real influxd.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startInfluxd } from '../../support/influxd.ts';
import { NODE } from '../lib/child.ts';
import { startEmulator, type Emulator } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import { rssSampler } from '../lib/procfs.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';
import { measure } from '../lib/wrk.ts';

const run = promisify(execFile);
const SEED = new URL('../workers/seed.ts', import.meta.url).pathname;

async function seed(args: Record<string, unknown>): Promise<void> {
  await run(NODE, [SEED, JSON.stringify(args)], { maxBuffer: 1 << 20, timeout: 240_000 });
}

async function readsOn(emu: Emulator, engine: string, o: BenchOptions, rows: Row[]): Promise<Record<string, number>> {
  const p99: Record<string, number> = {};
  for (const route of ['/stats/db', '/stats/users']) {
    const probe = await emu.get(route);
    const body = await probe.text();
    if (probe.status !== 200) {
      rows.push({ case: 'admin', subject: `${engine} GET ${route}`, note: `not measurable: HTTP ${probe.status} ${body.slice(0, 80)}` });
      continue;
    }
    const sampler = rssSampler(emu.child.pid);
    const r = await measure({ url: emu.base + route, connections: o.connections, durationS: o.durationS, headers: { authorization: emu.auth } }, o.warmupS);
    rows.push({
      case: 'admin',
      subject: `${engine} GET ${route}`,
      throughput: r.rps,
      unit: 'req/s',
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      rssMb: sampler.stop().peakMb,
      errors: r.errors,
      note: `${body.length} B body`,
      extra: { maxMs: r.maxMs, bodyBytes: body.length },
    });
    p99[route] = r.errors === 0 ? r.p99Ms : NaN;
  }
  return p99;
}

export async function adminCase(o: BenchOptions): Promise<CaseResult> {
  const rows: Row[] = [];
  const set = { dbs: o.dbs, measurements: o.measurements, users: o.users };
  const label = `${o.dbs}×${o.measurements}, ${o.users} users`;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-admin-'));
  let embedded: Record<string, number> = {};
  try {
    await seed({ mode: 'embedded', dataDir, ...set });
    const emu = await startEmulator({ dataDir });
    try {
      embedded = await readsOn(emu, 'embedded', o, rows);
    } finally {
      await emu.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const influxd = await startInfluxd();
  let v1: Record<string, number> = {};
  try {
    const creds = { url: influxd.url, username: influxd.admin.username, password: influxd.admin.password };
    await seed({ mode: 'v1', ...creds, ...set });
    const emu = await startEmulator({
      env: { INTERNAL_INFLUX_URL: creds.url, INTERNAL_INFLUX_USERNAME: creds.username, INTERNAL_INFLUX_PASSWORD: creds.password },
    });
    try {
      v1 = await readsOn(emu, 'influxd via v1', o, rows);
    } finally {
      await emu.stop();
    }
  } finally {
    await influxd.dispose();
  }

  const t = (engine: string, p: Record<string, number>): Target => {
    const v = p['/stats/db'];
    return {
      target: `GET /stats/db p99 < 20 ms at ${o.connections} clients, ${engine} (${label})`,
      measured: v === undefined || Number.isNaN(v) ? '-' : `${v.toFixed(2)} ms`,
      met: v === undefined || Number.isNaN(v) ? undefined : v < 20,
    };
  };
  return { rows, targets: [t('embedded', embedded), t('v1/influxd', v1)] };
}
