// Case soak (opt-in, 30 min by default): RSS of `npm start` with every setting at its default (the
// simulator writing into the embedded engine), after a few requests and then idle, sampled from
// /proc/<pid>/status every 10 s. Reports RSS after 10 min and whether it still grows afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChildSet } from '../lib/child.ts';
import { startEmulator, tunedLaunch } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readMem } from '../lib/procfs.ts';
import type { CaseResult } from '../lib/report.ts';

const SAMPLE_MS = 10_000;
const SETTLED_MIN = 10;
/** "Does not grow": the least-squares slope of RSS from minute 10 to the end stays under this. One
 *  GC cycle moves RSS by ~1 MB, which over 20 min of 10 s samples resolves a slope to about 1 MB/h. */
const MAX_SLOPE_MB_PER_H = 2;
/** What a user does after starting it: each read route once, the metrics twice. */
const FIRST_REQUESTS = ['/stats/metrics', '/stats/tsdb', '/stats/tsdb/dbvendors', '/stats/db', '/stats/users', '/stats/metrics'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

export async function soakCase(o: BenchOptions): Promise<CaseResult> {
  const children = new ChildSet();
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'bench-compile-cache-'));
  const minutes = Math.max(o.soakMin, SETTLED_MIN + 1);
  try {
    const launch = { ...tunedLaunch(cacheDir), defaults: true };
    // Every start after the first reads the compile cache; fill it as the first start after install does.
    await (await startEmulator(launch)).stop();
    const emu = await startEmulator(launch);
    children.add(emu.child);
    for (const route of FIRST_REQUESTS) {
      const res = await emu.get(route);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${route} answered ${res.status}`);
    }
    const t0 = Date.now();
    const samples: { x: number; y: number }[] = [];
    for (let i = 0; i * SAMPLE_MS <= minutes * 60_000; i++) {
      await sleep(Math.max(0, t0 + i * SAMPLE_MS - Date.now()));
      samples.push({ x: (Date.now() - t0) / 60_000, y: readMem(emu.child.pid).rssKb / 1024 });
    }
    const at = (min: number) => samples.reduce((a, b) => (Math.abs(b.x - min) < Math.abs(a.x - min) ? b : a)).y;
    const settled = samples.filter((p) => p.x >= SETTLED_MIN);
    const perHour = slope(settled) * 60;
    const rss10 = at(SETTLED_MIN);
    const rssEnd = at(minutes);
    const peak = Math.max(...samples.map((p) => p.y));
    const span = `min ${SETTLED_MIN}-${minutes}`;
    return {
      rows: [
        {
          case: 'soak',
          subject: '`npm start`, default settings (simulator on), idle after a few requests',
          rssMb: rss10,
          note: `after ${SETTLED_MIN} min; ${rssEnd.toFixed(1)} MB after ${minutes} min, peak ${peak.toFixed(1)} MB; slope ${span} ${perHour.toFixed(2)} MB/h`,
          extra: { minutes, rss10Mb: rss10, rssEndMb: rssEnd, peakMb: peak, slopeMbPerH: perHour, samples: samples.map((p) => `${p.x.toFixed(2)}:${p.y.toFixed(1)}`).join(' ') },
        },
      ],
      targets: [
        { target: `idle RSS after ${SETTLED_MIN} min < 100 MB (\`npm start\`, default settings)`, measured: `${rss10.toFixed(1)} MB`, met: rss10 < 100 },
        {
          target: `no growth: RSS slope ${span} < ${MAX_SLOPE_MB_PER_H} MB/h`,
          measured: `${perHour.toFixed(2)} MB/h`,
          met: perHour < MAX_SLOPE_MB_PER_H,
          note: `${(rssEnd - rss10 >= 0 ? '+' : '') + (rssEnd - rss10).toFixed(1)} MB from min ${SETTLED_MIN} to ${minutes}`,
        },
      ],
    };
  } finally {
    await children.stopAll();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
