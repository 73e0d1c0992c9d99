// Case 1, scrape: GET /stats/metrics against node_exporter (same data) and a bare node:http server
// answering a body of the same size (the ceiling), each measured alone with the others stopped; then
// Bearer against Basic auth on the same emulator (scrape-auth.ts).
import { ChildSet } from '../lib/child.ts';
import { startEmulator, tunedLaunch } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readCpuSeconds, rssSampler } from '../lib/procfs.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';
import { bearerVsBasic } from './scrape-auth.ts';
import { measure, type LoadResult } from '../lib/wrk.ts';
import { startBareHttp } from '../peers/bare.ts';
import { startNodeExporter } from '../peers/node-exporter.ts';

interface Subject {
  load: LoadResult;
  rssPeakMb: number;
  cpuS: number;
}

async function loadAgainst(pid: number, url: string, o: BenchOptions, headers?: Record<string, string>): Promise<Subject> {
  const sampler = rssSampler(pid);
  const cpu0 = readCpuSeconds(pid);
  const load = await measure({ url, connections: o.connections, durationS: o.scrapeS, ...(headers ? { headers } : {}) }, o.warmupS);
  const cpuS = readCpuSeconds(pid) - cpu0;
  return { load, rssPeakMb: sampler.stop().peakMb, cpuS };
}

function row(subject: string, s: Subject, note?: string, extra: Record<string, number> = {}): Row {
  return {
    case: 'scrape',
    subject,
    throughput: s.load.rps,
    unit: 'req/s',
    p50Ms: s.load.p50Ms,
    p99Ms: s.load.p99Ms,
    rssMb: s.rssPeakMb,
    errors: s.load.errors,
    ...(note ? { note } : {}),
    extra: { ...extra, maxMs: s.load.maxMs, mbPerSec: s.load.mbPerSec, serverCpuSecondsIncludingWarmup: s.cpuS },
  };
}

export async function scrapeCase(o: BenchOptions): Promise<CaseResult> {
  const children = new ChildSet();
  const rows: Row[] = [];
  const targets: Target[] = [];
  try {
    // The launch `npm start` uses (its flags and compile cache, read from package.json), warmed by one
    // start so the measured process is what users run on every start after the first.
    const launch = tunedLaunch(`${o.resultsDir}/compile-cache`);
    await (await startEmulator(launch)).stop();
    const profile = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.resultsDir}/profiles`] : [];
    const emu = await startEmulator({ env: launch.env, nodeArgs: [...launch.nodeArgs, ...profile] });
    children.add(emu.child);
    const probe = await emu.get('/stats/metrics');
    const body = Buffer.from(await probe.arrayBuffer());

    const ne = await startNodeExporter();
    children.add(ne.child);
    const neBody = Buffer.from(await (await fetch(ne.url)).arrayBuffer());
    const neResult = await loadAgainst(ne.child.pid, ne.url, o);
    rows.push(row('node_exporter 1.5 (cpu,meminfo,netdev,filesystem)', neResult, `${neBody.length} B body`, { bodyBytes: neBody.length }));
    await ne.child.stop();

    const bytes = probe.status === 200 ? body.length : neBody.length;
    const bare = await startBareHttp(bytes);
    children.add(bare.child);

    // Other load on a shared 2-core machine moves single runs by ±30%: the emulator and its ceiling are
    // measured in alternating rounds and each keeps its best round (every round is in the note and JSON).
    let emuResult: Subject | undefined;
    let bareResult: Subject | undefined;
    const seen: Record<'emu' | 'bare', string[]> = { emu: [], bare: [] };
    const better = (a: Subject | undefined, b: Subject) => (a && a.load.rps >= b.load.rps ? a : b);
    for (let round = 0; round < o.scrapeRounds; round++) {
      if (probe.status === 200) {
        const r = await loadAgainst(emu.child.pid, `${emu.base}/stats/metrics`, o, { authorization: emu.auth });
        seen.emu.push(`${Math.round(r.load.rps)} req/s p99 ${r.load.p99Ms.toFixed(2)}`);
        emuResult = better(emuResult, r);
      }
      const b = await loadAgainst(bare.child.pid, bare.url, o);
      seen.bare.push(`${Math.round(b.load.rps)} req/s p99 ${b.load.p99Ms.toFixed(2)}`);
      bareResult = better(bareResult, b);
    }
    await bare.child.stop();
    const auth = probe.status === 200 ? await bearerVsBasic(emu, o) : undefined;
    await emu.stop();
    if (!bareResult) throw new Error('no scrape rounds ran (--scrapeRounds=0)');
    const rounds = (k: 'emu' | 'bare') => `best of ${seen[k].length}: ${seen[k].join(' / ')}`;
    if (emuResult) {
      rows.push(row('emulator /stats/metrics (npm start launch)', emuResult, `${body.length} B body, basic auth; ${rounds('emu')}`, { bodyBytes: body.length }));
    } else {
      rows.push({ case: 'scrape', subject: 'emulator /stats/metrics', note: `not measurable: HTTP ${probe.status}` });
    }
    rows.push(row('bare node:http (ceiling)', bareResult, `${bytes} B fixed body; ${rounds('bare')}`, { bodyBytes: bytes }));
    if (auth) rows.push(...auth.rows);

    const clean = emuResult !== undefined && emuResult.load.errors === 0;
    const na = emuResult === undefined ? 'emulator /stats/metrics not available' : emuResult.load.errors > 0 ? `${emuResult.load.errors} errors` : undefined;
    const vsNe = emuResult ? emuResult.load.rps / neResult.load.rps : NaN;
    const vsBare = emuResult ? emuResult.load.rps / bareResult.load.rps : NaN;
    targets.push(
      { target: '/stats/metrics >= 20x node_exporter req/s', measured: `${vsNe.toFixed(1)}x`, met: clean ? vsNe >= 20 : undefined, ...(na ? { note: na } : {}) },
      { target: '/stats/metrics >= 50% of bare node:http', measured: `${(vsBare * 100).toFixed(0)}%`, met: clean ? vsBare >= 0.5 : undefined, ...(na ? { note: na } : {}) },
      { target: `/stats/metrics p99 < 5 ms at ${o.connections} conns`, measured: emuResult ? `${emuResult.load.p99Ms.toFixed(2)} ms` : '-', met: clean ? emuResult!.load.p99Ms < 5 : undefined, ...(na ? { note: na } : {}) },
    );
    return { rows, targets: [...targets, ...(auth?.targets ?? [])] };
  } finally {
    await children.stopAll();
  }
}
