// The pure /proc parsers, table-driven on inline text: real lines, empty and malformed input.
import { describe, expect, it } from 'vitest';
import { memoryUsedPercent, parseMeminfo } from '../../../src/metrics/proc/meminfo.ts';
import { decodeMountField, parseMounts, realMounts } from '../../../src/metrics/proc/mounts.ts';
import { parseNetDev } from '../../../src/metrics/proc/netdev.ts';
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

describe('parseNetDev', () => {
  const header =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  it.each([
    ['a normal line', '  eth0: 100 1 0 0 0 0 0 0 200 2 0 0 0 0 0 0\n', [['eth0', { rx: 100, tx: 200 }]]],
    ['a counter run into the colon', 'eth0:277197001 8143 0 0 0 0 0 0 718099 5264 0 0 0 0 0 0\n', [['eth0', { rx: 277197001, tx: 718099 }]]],
    ['names with dots and dashes', 'br-1a.100: 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n', [['br-1a.100', { rx: 1, tx: 2 }]]],
    ['no interfaces', '', []],
  ])('reads %s', (_name, body, want) => {
    expect([...parseNetDev(header + body)]).toEqual(want);
  });

  it.each([
    ['empty', ''],
    ['no header', 'eth0: 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n'],
    ['a short line', header + 'eth0: 1 2 3\n'],
    ['no colon', header + 'eth0 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n'],
    ['a garbage counter', header + 'eth0: x 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseNetDev(text)).toThrow(ProcParseError);
  });
});

describe('mounts', () => {
  it.each([
    ['/media/usb\\040stick', '/media/usb stick'],
    ['/a\\011tab\\012nl\\134bs', '/a\ttab\nnl\\bs'],
    ['/plain', '/plain'],
  ])('decodes %s', (raw, want) => {
    expect(decodeMountField(raw)).toBe(want);
  });

  it('keeps real filesystems, once each, df-style', () => {
    const text = [
      'rootfs / rootfs rw 0 0',
      '/dev/root / ext4 rw 0 0',
      'proc /proc proc rw 0 0',
      'sysfs /sys sysfs rw 0 0',
      'tmpfs /run tmpfs rw 0 0',
      'cgroup2 /sys/fs/cgroup cgroup2 rw 0 0',
      'overlay /var/lib/docker/overlay2/x/merged overlay rw 0 0',
      '/dev/sda1 /data xfs rw 0 0',
      '/dev/sda1 /srv/bind xfs rw 0 0',
      '/dev/sdb1 /mnt/usb\\040disk vfat rw 0 0',
      '/dev/sdc1 /shadowed ext4 rw 0 0',
      'tmpfs /shadowed tmpfs rw 0 0',
      'systemd-1 /proc/sys/fs/binfmt_misc autofs rw 0 0',
    ].join('\n');
    expect(realMounts(parseMounts(text)).map((m) => m.mountPoint)).toEqual([
      '/',
      '/data',
      '/mnt/usb disk',
      '/var/lib/docker/overlay2/x/merged',
    ]);
  });

  it('reads empty text as no mounts and rejects a cut line', () => {
    expect(parseMounts('')).toEqual([]);
    expect(() => parseMounts('/dev/sda1 /data\n')).toThrow(ProcParseError);
  });
});
