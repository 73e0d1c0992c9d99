// The sampler's tick measured in a dedicated process: createMetrics(...).sampleNow() (read /proc, statfs
// every real mount, update the gauges, pre-render the exposition) run N times back to back after a
// warm-up, timed with process.cpuUsage(), which counts every thread of the process (libuv's statfs too).
// argv: [samples=2000]. Prints {samples, cpuMsPerSample, wallMsPerSample} as JSON.
import { pino } from 'pino';
import { createMetrics } from '../../src/metrics/index.ts';

const n = Number(process.argv[2] ?? 2000);
const metrics = createMetrics({ procRoot: '/proc', sampleIntervalMs: 1000, logger: pino({ level: 'silent' }) });
for (let i = 0; i < 100; i++) await metrics.sampleNow();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < n; i++) await metrics.sampleNow();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    samples: n,
    cpuMsPerSample: (cpu.user + cpu.system) / 1000 / n,
    userMsPerSample: cpu.user / 1000 / n,
    systemMsPerSample: cpu.system / 1000 / n,
    wallMsPerSample: wall / n,
    bytes: (await metrics.exposition()).length,
  }),
);
