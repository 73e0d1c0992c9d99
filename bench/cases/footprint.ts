// Case 4, footprint: idle RSS of the emulator and the CPU its /proc sampler costs. The sampler cost is
// measured from outside, on two idle emulators side by side over the same window: one sampling every
// 100 ms (the fastest allowed), one effectively never (1 h); the CPU difference divided by the samples
// taken is the cost per sample, timer and GC included. Resolution: one clock tick (10 ms) per window.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ChildSet, NODE } from '../lib/child.ts';
import { startEmulator, tunedLaunch } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readCpuSeconds, readMem } from '../lib/procfs.ts';
import type { CaseResult, Target } from '../lib/report.ts';

const FAST_MS = 100;
const DEFAULT_MS = 1000;
const SAMPLER = new URL('../workers/sampler-cpu.ts', import.meta.url).pathname;
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function footprintCase(o: BenchOptions): Promise<CaseResult> {
  const children = new ChildSet();
  try {
    const fast = await startEmulator({ env: { SAMPLE_INTERVAL_MS: String(FAST_MS) } });
    children.add(fast.child);
    const idle = await startEmulator({ env: { SAMPLE_INTERVAL_MS: '3600000' } });
    children.add(idle.child);
    const t = tunedLaunch(`${o.resultsDir}/compile-cache`);
    // The first start with the cache fills it; the measured one starts from it.
    await (await startEmulator(t)).stop();
    const tuned = await startEmulator(t);
    children.add(tuned.child);
    // One request each so lazily built routes and the first scrape's allocations are counted as "idle".
    for (const e of [fast, idle, tuned]) await (await e.get('/stats/metrics')).arrayBuffer();
    await sleep(3000);
    const windowS = Math.max(10, o.durationS * 2);
    const c0 = [readCpuSeconds(fast.child.pid), readCpuSeconds(idle.child.pid)];
    await sleep(windowS * 1000);
    const c1 = [readCpuSeconds(fast.child.pid), readCpuSeconds(idle.child.pid)];
    const rssFast = readMem(fast.child.pid).rssKb / 1024;
    const rssIdle = readMem(idle.child.pid).rssKb / 1024;
    const rssTuned = readMem(tuned.child.pid).rssKb / 1024;
    const fastCpu = (c1[0] ?? 0) - (c0[0] ?? 0);
    const idleCpu = (c1[1] ?? 0) - (c0[1] ?? 0);
    const samples = (windowS * 1000) / FAST_MS;
    const perSampleMs = (Math.max(0, fastCpu - idleCpu) / samples) * 1000;
    const perHourS = (perSampleMs / 1000) * (3_600_000 / DEFAULT_MS);
    const resolutionMs = (0.01 / samples) * 1000;
    const { stdout } = await run(NODE, [SAMPLER, '2000'], { timeout: 60_000 });
    const tick = JSON.parse(stdout.trim()) as { cpuMsPerSample: number; wallMsPerSample: number; samples: number };
    const tickPerHourS = (tick.cpuMsPerSample / 1000) * (3_600_000 / DEFAULT_MS);
    const targets: Target[] = [
      { target: 'idle RSS < 100 MB (plain `node src/server.ts`)', measured: `${rssFast.toFixed(1)} MB`, met: rssFast < 100 },
      { target: 'idle RSS < 100 MB (compile cache + 1 MB semi-space)', measured: `${rssTuned.toFixed(1)} MB`, met: rssTuned < 100 },
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
          subject: `sampler tick alone (createMetrics().sampleNow() x${tick.samples})`,
          note: `${tick.cpuMsPerSample.toFixed(3)} ms CPU, ${tick.wallMsPerSample.toFixed(3)} ms wall per sample`,
          extra: { ...tick, perHourAtDefaultS: tickPerHourS },
        },
        {
          case: 'footprint',
          subject: `emulator idle, sampling every ${FAST_MS} ms`,
          rssMb: rssFast,
          note: `${(fastCpu * 1000).toFixed(0)} ms CPU in ${windowS} s; ${perSampleMs.toFixed(3)} ms/sample`,
          extra: { cpuS: fastCpu, windowS, samples, perSampleMs, perHourAtDefaultS: perHourS },
        },
        {
          case: 'footprint',
          subject: 'emulator idle, sampler off (1 h interval)',
          rssMb: rssIdle,
          note: `${(idleCpu * 1000).toFixed(0)} ms CPU in ${windowS} s (baseline)`,
          extra: { cpuS: idleCpu, windowS },
        },
        {
          case: 'footprint',
          subject: 'emulator idle, NODE_COMPILE_CACHE + --max-semi-space-size=1',
          rssMb: rssTuned,
          note: 'default 1 s sampling',
        },
      ],
      targets,
    };
  } finally {
    await children.stopAll();
  }
}
