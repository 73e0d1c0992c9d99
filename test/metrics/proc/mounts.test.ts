// /proc/mounts' parser and filter (src/metrics/proc/mounts.ts), table-driven on inline text: real lines, the
// kernel's octal escapes, empty and malformed input.
import { describe, expect, it } from 'vitest';
import { decodeMountField, parseMounts, realMounts } from '../../../src/metrics/proc/mounts.ts';
import { ProcParseError } from '../../../src/metrics/proc/parse-error.ts';

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
