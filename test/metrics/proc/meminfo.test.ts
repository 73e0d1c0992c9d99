// /proc/meminfo's parser and memory used (src/metrics/proc/meminfo.ts), table-driven on inline text: real
// lines, empty and malformed input.
import { describe, expect, it } from 'vitest';
import { memoryUsedPercent, parseMeminfo } from '../../../src/metrics/proc/meminfo.ts';
import { ProcParseError } from '../../../src/metrics/proc/parse-error.ts';

describe('parseMeminfo', () => {
  it.each([
    ['MemAvailable', 'MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 250 kB\nHugePages_Total: 0\n', 75],
    ['the pre-3.14 estimate', 'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n', 60],
    ['available above total clamped', 'MemTotal: 1000 kB\nMemAvailable: 2000 kB\n', 0],
    ['an odd unrelated line skipped', 'MemTotal: 1000 kB\nWeird: n/a\nMemAvailable: 500 kB\n', 50],
  ])('reads %s', (_name, text, usedPercent) => {
    expect(memoryUsedPercent(parseMeminfo(text))).toBeCloseTo(usedPercent, 10);
  });

  it.each([
    ['empty', ''],
    ['no MemTotal', 'MemFree: 5 kB\nMemAvailable: 5 kB\n'],
    ['MemTotal 0', 'MemTotal: 0 kB\nMemAvailable: 0 kB\n'],
    ['MemTotal garbage', 'MemTotal: lots kB\nMemAvailable: 5 kB\n'],
    ['nothing to estimate availability from', 'MemTotal: 1000 kB\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseMeminfo(text)).toThrow(ProcParseError);
  });
});
