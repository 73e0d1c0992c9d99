// df arithmetic and the statfs guard: a hung mount is left out, never retried while pending, never
// holds more than its share of libuv's threadpool, and never stalls a read past its timeout.
import { statfs } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Mount } from '../../../src/metrics/proc/mounts.ts';
import { StorageReader, dfFromStatfs, type StatfsResult } from '../../../src/metrics/proc/storage.ts';

const mount = (mountPoint: string): Mount => ({ source: mountPoint, mountPoint, fsType: 'ext4' });
const fs4k = (blocks: number, bfree: number, bavail: number): StatfsResult => ({ bsize: 4096, frsize: 4096, blocks, bfree, bavail });

describe('dfFromStatfs', () => {
  it.each([
    ['ext4 with a root reserve', fs4k(1000, 300, 250), { sizeKb: 4000, usedKb: 2800, availableKb: 1000 }],
    ['no frsize (older Node): bsize is the unit', { bsize: 1024, blocks: 10, bfree: 4, bavail: 4 }, { sizeKb: 10, usedKb: 6, availableKb: 4 }],
    ['frsize differs from bsize (NFS)', { bsize: 1048576, frsize: 4096, blocks: 10, bfree: 5, bavail: 5 }, { sizeKb: 40, usedKb: 20, availableKb: 20 }],
  ])('%s', (_name, s, want) => {
    const df = dfFromStatfs(s);
    expect(df).toEqual(want);
    expect(df.usedKb + df.availableKb).toBeLessThanOrEqual(df.sizeKb);
  });

  it('matches the real root filesystem', async () => {
    const df = dfFromStatfs(await statfs('/'));
    expect(df.sizeKb).toBeGreaterThan(0);
    expect(df.usedKb + df.availableKb).toBeLessThanOrEqual(df.sizeKb);
  });
});

describe('StorageReader', () => {
  it('leaves a hung mount out, bounded by the timeout, and does not start a second statfs on it', async () => {
    const calls = new Map<string, number>();
    const hung = (p: string) => {
      calls.set(p, (calls.get(p) ?? 0) + 1);
      return p === '/mnt/nfs' ? new Promise<StatfsResult>(() => {}) : Promise.resolve(fs4k(100, 50, 40));
    };
    const reader = new StorageReader({ statfs: hung, timeoutMs: 50 });
    const mounts = ['/', '/mnt/nfs', '/var'].map(mount);

    const first = await reader.read(mounts);
    expect([...first.values.keys()].sort()).toEqual(['/', '/var']);
    expect(first.problems).toEqual([{ mountPoint: '/mnt/nfs', reason: 'timeout' }]);

    const second = await reader.read(mounts);
    expect([...second.values.keys()].sort()).toEqual(['/', '/var']);
    expect(second.problems).toEqual([{ mountPoint: '/mnt/nfs', reason: 'still-pending' }]);
    expect(calls.get('/mnt/nfs')).toBe(1);
    expect(calls.get('/')).toBe(2);
    expect(reader.inFlight).toBe(1);
  });

  it('never has more than two statfs calls outstanding, hung ones included', async () => {
    let outstanding = 0;
    let most = 0;
    const never = () => {
      outstanding += 1;
      most = Math.max(most, outstanding);
      return new Promise<StatfsResult>(() => {});
    };
    const reader = new StorageReader({ statfs: never, timeoutMs: 20 });
    const mounts = ['/a', '/b', '/c', '/d', '/e'].map(mount);
    for (let i = 0; i < 3; i++) {
      const r = await reader.read(mounts);
      expect(r.values.size).toBe(0);
      expect(r.problems).toHaveLength(5);
    }
    expect(most).toBe(2);
  });

  it('reports a failing statfs and recovers when it answers again', async () => {
    let broken = true;
    const flaky = (p: string) =>
      broken && p === '/data'
        ? Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }))
        : Promise.resolve(fs4k(10, 5, 5));
    const reader = new StorageReader({ statfs: flaky, timeoutMs: 1000 });
    const bad = await reader.read([mount('/data')]);
    expect(bad.values.size).toBe(0);
    expect(bad.problems[0]?.reason).toBe('error');
    broken = false;
    expect((await reader.read([mount('/data')])).values.get('/data')).toEqual({ sizeKb: 40, usedKb: 20, availableKb: 20 });
  });

  it('does a thrown (not rejected) statfs error no harm', async () => {
    const throws = (): Promise<StatfsResult> => {
      throw new Error('boom');
    };
    const r = await new StorageReader({ statfs: throws, timeoutMs: 100 }).read([mount('/x')]);
    expect(r.problems[0]?.reason).toBe('error');
  });
});

describe('StorageReader: local filesystems read synchronously', () => {
  const typed = (mountPoint: string, fsType: string): Mount => ({ source: mountPoint, mountPoint, fsType });

  it('reads in-memory filesystems with statfsSync and everything else through the guarded async path', async () => {
    const sync: string[] = [];
    const async: string[] = [];
    const reader = new StorageReader({
      statfs: (p) => (async.push(p), new Promise<StatfsResult>(() => {})),
      statfsSync: (p) => (sync.push(p), fs4k(100, 50, 40)),
      timeoutMs: 20,
    });
    const reading = await reader.read([typed('/', 'ext4'), typed('/data', 'overlay'), typed('/mnt/nfs', 'nfs4'), typed('/media/usb', 'vfat')]);
    expect(sync).toEqual(['/', '/data']);
    expect(async).toEqual(['/mnt/nfs', '/media/usb']);
    expect([...reading.values.keys()]).toEqual(['/', '/data']);
    expect(reading.problems.map((p) => [p.mountPoint, p.reason])).toEqual([
      ['/mnt/nfs', 'timeout'],
      ['/media/usb', 'timeout'],
    ]);
  });

  it('a failing sync statfs leaves that mount out as an error', async () => {
    const reader = new StorageReader({
      statfsSync: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      timeoutMs: 20,
    });
    const reading = await reader.read([typed('/secret', 'ext4')]);
    expect(reading.values.size).toBe(0);
    expect(reading.problems).toMatchObject([{ mountPoint: '/secret', reason: 'error' }]);
  });

  it('with only an async statfs injected (fixture trees), every mount takes the async path', async () => {
    const seen: string[] = [];
    const reader = new StorageReader({ statfs: (p) => (seen.push(p), Promise.resolve(fs4k(10, 5, 5))), timeoutMs: 50 });
    await reader.read([typed('/', 'ext4')]);
    expect(seen).toEqual(['/']);
  });

  it('the default reads the real root filesystem synchronously', async () => {
    const reading = await new StorageReader({ timeoutMs: 50 }).read([typed('/', 'ext4')]);
    expect(reading.values.get('/')?.sizeKb).toBeGreaterThan(0);
  });
});
