// Issue 15's check inside the scrape case: /stats/metrics with an OAuth2 Bearer token against the same
// scrape with Basic auth, on one emulator, in back-to-back pairs whose order alternates, judged on the
// median of the per-pair ratios (the same subject moves by ±30% between runs on a shared machine).
import { clientFilePath, createClient } from '../../src/auth/oauth/client-file.ts';
import type { Emulator } from '../lib/emulator.ts';
import { median } from '../lib/median.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readCpuSeconds } from '../lib/procfs.ts';
import type { Row, Target } from '../lib/report.ts';
import { wrk, type LoadResult } from '../lib/wrk.ts';

/** A read client made with the CLI's own function, and an access token from the running emulator. */
export async function bearerFor(emu: Emulator): Promise<string> {
  const client = await createClient(clientFilePath(emu.dataDir), 'bench-scraper', 'read');
  const body = new URLSearchParams({ grant_type: 'client_credentials', ...client });
  // The server picks a new client up on its next poll of the client file.
  for (let tries = 0; tries < 50; tries++) {
    const res = await fetch(`${emu.base}/auth/v3/oauth/token`, { method: 'POST', body });
    if (res.ok) return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the emulator never accepted the bench OAuth client');
}

interface Run {
  load: LoadResult;
  cpuUsPerReq: number;
}

async function run(emu: Emulator, authorization: string, o: BenchOptions): Promise<Run> {
  const cpu0 = readCpuSeconds(emu.child.pid);
  const load = await wrk({ url: `${emu.base}/stats/metrics`, connections: o.connections, durationS: o.authPairS, headers: { authorization } });
  return { load, cpuUsPerReq: ((readCpuSeconds(emu.child.pid) - cpu0) / Math.max(1, load.requests)) * 1e6 };
}

export async function bearerVsBasic(emu: Emulator, o: BenchOptions): Promise<{ rows: Row[]; targets: Target[] }> {
  const bearer = await bearerFor(emu);
  // Warm both paths (the first Bearer request verifies the JWT; later ones hit the memo).
  await wrk({ url: `${emu.base}/stats/metrics`, connections: o.connections, durationS: o.warmupS, headers: { authorization: bearer } });
  const pairs: { basic: Run; bearer: Run }[] = [];
  for (let i = 0; i < o.authPairs; i++) {
    if (i % 2 === 0) {
      const basic = await run(emu, emu.auth, o);
      pairs.push({ basic, bearer: await run(emu, bearer, o) });
    } else {
      const b = await run(emu, bearer, o);
      pairs.push({ basic: await run(emu, emu.auth, o), bearer: b });
    }
  }
  const rps = median(pairs.map((p) => p.bearer.load.rps / p.basic.load.rps));
  const cpu = median(pairs.map((p) => p.bearer.cpuUsPerReq / p.basic.cpuUsPerReq));
  const errors = pairs.reduce((n, p) => n + p.basic.load.errors + p.bearer.load.errors, 0);
  const list = (k: 'basic' | 'bearer') => pairs.map((p) => Math.round(p[k].load.rps)).join(' / ');
  const row = (k: 'basic' | 'bearer', subject: string): Row => ({
    case: 'scrape',
    subject,
    throughput: median(pairs.map((p) => p[k].load.rps)),
    unit: 'req/s',
    p50Ms: median(pairs.map((p) => p[k].load.p50Ms)),
    p99Ms: median(pairs.map((p) => p[k].load.p99Ms)),
    errors: pairs.reduce((n, p) => n + p[k].load.errors, 0),
    note: `median of ${pairs.length} paired ${o.authPairS} s runs: ${list(k)}; CPU µs/req ${median(pairs.map((p) => p[k].cpuUsPerReq)).toFixed(1)}`,
  });
  return {
    rows: [row('basic', 'emulator /stats/metrics, Basic (paired runs)'), row('bearer', 'emulator /stats/metrics, OAuth2 Bearer (paired runs)')],
    targets: [
      {
        target: '/stats/metrics with Bearer within 10% of Basic (req/s)',
        measured: `${(rps * 100).toFixed(0)}% (median of ${pairs.length} pairs); server CPU/req ${(cpu * 100).toFixed(0)}% of Basic`,
        met: errors === 0 && pairs.length > 0 ? rps >= 0.9 : undefined,
        ...(errors > 0 ? { note: `${errors} errors` } : {}),
      },
    ],
  };
}
