// /proc/stat's parser and the CPU split (src/metrics/proc/stat.ts), table-driven on inline text: real lines,
// empty and malformed input.
import { describe, expect, it } from 'vitest';
import { ProcParseError } from '../../../src/metrics/proc/parse-error.ts';
import { ZERO_CPU_TIMES, cpuPercent, parseProcStat } from '../../../src/metrics/proc/stat.ts';

describe('parseProcStat', () => {
  it.each([
    ['a modern kernel', 'cpu  10 1 5 80 2 1 1 0 3 0\ncpu0 10 1 5 80 2 1 1 0 3 0\n', { user: 10, nice: 1, system: 5, idle: 80, iowait: 2, irq: 1, softirq: 1, steal: 0, guest: 3, guestNice: 0 }],
    ['a 2.6.0 kernel with 7 columns', 'cpu 1 2 3 4 5 6 7\n', { ...ZERO_CPU_TIMES, user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7 }],
    ['a 2.4 kernel with 4 columns', 'cpu 1 2 3 4\n', { ...ZERO_CPU_TIMES, user: 1, nice: 2, system: 3, idle: 4 }],
  ])('reads %s', (_name, text, want) => {
    expect(parseProcStat(text)).toEqual(want);
  });

  it.each([
    ['empty', ''],
    ['no aggregate line', 'cpu0 1 2 3 4\nintr 5\n'],
    ['too few columns', 'cpu  1 2 3\n'],
    ['a non-number', 'cpu  1 2 x 4\n'],
    ['a negative', 'cpu  1 2 -3 4\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseProcStat(text)).toThrow(ProcParseError);
  });
});

describe('cpuPercent', () => {
  const t = (o: Partial<typeof ZERO_CPU_TIMES>) => ({ ...ZERO_CPU_TIMES, ...o });
  it.each([
    ['nice is user, iowait is idle', t({}), t({ user: 10, nice: 10, idle: 60, iowait: 20 }), { idle: 80, system: 0, user: 20 }],
    ['irq, softirq and steal are system', t({}), t({ system: 5, irq: 5, softirq: 5, steal: 5, idle: 80 }), { idle: 80, system: 20, user: 0 }],
    ['guest is not counted twice', t({}), t({ user: 50, guest: 40, guestNice: 10, idle: 50 }), { idle: 50, system: 0, user: 50 }],
    ['a counter stepping back counts as 0', t({ idle: 100, user: 10 }), t({ idle: 90, user: 20 }), { idle: 0, system: 0, user: 100 }],
  ])('%s', (_name, prev, cur, want) => {
    const got = cpuPercent(prev, cur);
    expect(got).toBeDefined();
    expect(got?.idle).toBeCloseTo(want.idle, 10);
    expect(got?.system).toBeCloseTo(want.system, 10);
    expect(got?.user).toBeCloseTo(want.user, 10);
  });

  it('gives nothing when no time passed, so the caller keeps its last value', () => {
    const same = t({ user: 5, idle: 5 });
    expect(cpuPercent(same, same)).toBeUndefined();
  });
});
