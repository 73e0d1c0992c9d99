// Case 4, footprint: idle RSS of the emulator started as `npm start` starts it, and the CPU its /proc
// sampler costs, measured from outside on two idle emulators side by side over one window (every 100 ms
// vs every hour): the CPU difference per sample, timers and GC included. Resolution: one 10 ms tick.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ChildSet, NODE } from '../lib/child.ts';
import { startEmulator, tunedLaunch } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readCpuSeconds, readMem } from '../lib/procfs.ts';
import type { CaseResult, Target } from '../lib/report.ts';

const FAST_MS = 100;
const DEFAULT_MS = 1000;
/** Idle time before RSS is read: start-up garbage collected, the sampler and the simulator running. */
const SETTLE_MS = 5000;
const SAMPLER = new URL('../workers/sampler-cpu.ts', import.meta.url).pathname;
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function footprintCase(o: BenchOptions): Promise<CaseResult> {
  const children = new ChildSet();
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'bench-compile-cache-'));
  try {
    // As users start it: the start script's flags and environment, every setting at its default (the
    // simulator writing into the embedded engine included). The first start fills the compile cache.
    const launch = { ...tunedLaunch(cacheDir), defaults: true };
    const cold = await startEmulator(launch);
    children.add(cold.child);
    await sleep(SETTLE_MS);
    const rssCold = readMem(cold.child.pid).rssKb / 1024;
    await cold.stop();

    // The sampler pair runs with the simulator off, so the only difference between them is sampling.
    const script = tunedLaunch(cacheDir);
    const fast = await startEmulator({ ...script, env: { ...script.env, SAMPLE_INTERVAL_MS: String(FAST_MS) } });
    children.add(fast.child);
    const idle = await startEmulator({ ...script, env: { ...script.env, SAMPLE_INTERVAL_MS: '3600000' } });
    children.add(idle.child);
    const warm = await startEmulator(launch);
    children.add(warm.child);
    const plain = await startEmulator({ defaults: true });
    children.add(plain.child);
    // One scrape each so the route's first-call allocations count as idle.
    for (const e of [fast, idle, warm, plain]) await (await e.get('/stats/metrics')).arrayBuffer();
    await sleep(SETTLE_MS);
    const windowS = Math.max(20, o.durationS * 4);
    const c0 = [readCpuSeconds(fast.child.pid), readCpuSeconds(idle.child.pid)];
    await sleep(windowS * 1000);
    const c1 = [readCpuSeconds(fast.child.pid), readCpuSeconds(idle.child.pid)];
    const rss = (e: typeof fast) => readMem(e.child.pid).rssKb / 1024;
    const [rssFast, rssIdle, rssWarm, rssPlain] = [rss(fast), rss(idle), rss(warm), rss(plain)];
    const fastCpu = (c1[0] ?? 0) - (c0[0] ?? 0);
    const idleCpu = (c1[1] ?? 0) - (c0[1] ?? 0);
    const samples = (windowS * 1000) / FAST_MS;
    const perSampleMs = ((fastCpu - idleCpu) / samples) * 1000;
    const perHourS = (perSampleMs / 1000) * (3_600_000 / DEFAULT_MS);
    const resolutionMs = (0.01 / samples) * 1000;
    const { stdout } = await run(NODE, [...script.nodeArgs, SAMPLER, '2000'], { timeout: 60_000, env: { ...process.env, ...script.env } });
    const tick = JSON.parse(stdout.trim()) as { cpuMsPerSample: number; wallMsPerSample: number; samples: number };
    const tickPerHourS = (tick.cpuMsPerSample / 1000) * (3_600_000 / DEFAULT_MS);
    const uptimeS = Math.round(SETTLE_MS / 1000 + windowS);
    const targets: Target[] = [
      {
        target: 'idle RSS < 100 MB (`npm start`, default settings)',
        measured: `${rssWarm.toFixed(1)} MB`,
        met: rssWarm < 100,
        note: `after ${uptimeS} s; first start after install (cold compile cache): ${rssCold.toFixed(1)} MB`,
      },
      {
        // Judged on the whole-process figure: the GC and timer work a sample causes are its cost too.
        target: 'sampler < 1 ms CPU per sample',
        measured: `${perSampleMs.toFixed(3)} ±${resolutionMs.toFixed(3)} ms/sample whole process, ${perHourS.toFixed(2)} s/h at ${DEFAULT_MS} ms`,
        met: perSampleMs < 1,
        note: `tick alone back to back: ${tick.cpuMsPerSample.toFixed(3)} ms/sample, ${tickPerHourS.toFixed(2)} s/h`,
      },
    ];
    return {
      rows: [
        {
          case: 'footprint',
          subject: '`npm start`, default settings (simulator on)',
          rssMb: rssWarm,
          note: `idle ${uptimeS} s after start; compile cache warm, as on every start after the first`,
          extra: { launch: [...Object.keys(launch.env).map((k) => `${k}=<tmp>`), 'node', ...launch.nodeArgs, 'src/server.ts'].join(' ') },
        },
        {
          case: 'footprint',
          subject: '`npm start`, first start after install',
          rssMb: rssCold,
          note: `${SETTLE_MS / 1000} s after start; cold compile cache: the TypeScript stripper is loaded once`,
        },
        {
          case: 'footprint',
          subject: 'plain `node src/server.ts`, default settings',
          rssMb: rssPlain,
          note: 'no compile cache, default semi-space (for comparison)',
        },
        {
          case: 'footprint',
          subject: `sampler tick alone (createMetrics().sampleNow() x${tick.samples})`,
          note: `${tick.cpuMsPerSample.toFixed(3)} ms CPU, ${tick.wallMsPerSample.toFixed(3)} ms wall per sample`,
          extra: { ...tick, perHourAtDefaultS: tickPerHourS },
        },
        {
          case: 'footprint',
          subject: `npm start launch, simulator off, sampling every ${FAST_MS} ms`,
          rssMb: rssFast,
          note: `${(fastCpu * 1000).toFixed(0)} ms CPU in ${windowS} s; ${perSampleMs.toFixed(3)} ms/sample`,
          extra: { cpuS: fastCpu, windowS, samples, perSampleMs, perHourAtDefaultS: perHourS },
        },
        {
          case: 'footprint',
          subject: 'npm start launch, simulator off, sampler off (1 h interval)',
          rssMb: rssIdle,
          note: `${(idleCpu * 1000).toFixed(0)} ms CPU in ${windowS} s (baseline)`,
          extra: { cpuS: idleCpu, windowS },
        },
      ],
      targets,
    };
  } finally {
    await children.stopAll();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
