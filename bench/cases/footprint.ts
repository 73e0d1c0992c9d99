// Case 4, footprint: idle RSS of the emulator and the CPU its /proc sampler costs. The sampler cost is
// measured from outside, on two idle emulators side by side over the same window: one sampling every
// 100 ms (the fastest allowed), one effectively never (1 h); the CPU difference divided by the samples
// taken is the cost per sample, timer and GC included. Resolution: one clock tick (10 ms) per window.
import { ChildSet } from '../lib/child.ts';
import { startEmulator } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import { readCpuSeconds, readMem } from '../lib/procfs.ts';
import type { CaseResult, Target } from '../lib/report.ts';

const FAST_MS = 100;
const DEFAULT_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function footprintCase(o: BenchOptions): Promise<CaseResult> {
  const children = new ChildSet();
  try {
    const fast = await startEmulator({ env: { SAMPLE_INTERVAL_MS: String(FAST_MS) } });
    children.add(fast.child);
    const idle = await startEmulator({ env: { SAMPLE_INTERVAL_MS: '3600000' } });
    children.add(idle.child);
    // One request each so lazily built routes and the first scrape's allocations are counted as "idle".
    for (const e of [fast, idle]) await (await e.get('/stats/metrics')).arrayBuffer();
    await sleep(3000);
    const windowS = Math.max(10, o.durationS * 2);
    const c0 = [readCpuSeconds(fast.child.pid), readCpuSeconds(idle.child.pid)];
    await sleep(windowS * 1000);
    const c1 = [readCpuSeconds(fast.child.pid), readCpuSeconds(idle.child.pid)];
    const rssFast = readMem(fast.child.pid).rssKb / 1024;
    const rssIdle = readMem(idle.child.pid).rssKb / 1024;
    const fastCpu = (c1[0] ?? 0) - (c0[0] ?? 0);
    const idleCpu = (c1[1] ?? 0) - (c0[1] ?? 0);
    const samples = (windowS * 1000) / FAST_MS;
    const perSampleMs = (Math.max(0, fastCpu - idleCpu) / samples) * 1000;
    const perHourS = (perSampleMs / 1000) * (3_600_000 / DEFAULT_MS);
    const resolutionMs = (0.01 / samples) * 1000;
    const targets: Target[] = [
      { target: 'idle RSS < 100 MB', measured: `${rssFast.toFixed(1)} MB`, met: rssFast < 100 },
      {
        target: 'sampler < 1 ms CPU per sample',
        measured: `${perSampleMs.toFixed(3)} ms/sample, ${perHourS.toFixed(2)} s/h at ${DEFAULT_MS} ms`,
        met: perSampleMs < 1,
        note: `±${resolutionMs.toFixed(3)} ms`,
      },
    ];
    return {
      rows: [
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
      ],
      targets,
    };
  } finally {
    await children.stopAll();
  }
}
