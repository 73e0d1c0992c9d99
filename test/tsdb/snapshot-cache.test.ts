// SnapshotCache on a fake clock with loads the test settles by hand: when a request is served the
// snapshot, when it waits for a read, which read may write, and that failures are never kept.
import { describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../src/tsdb/snapshot-cache.ts';

interface Load {
  source: object;
  resolve(body: string): void;
  reject(err: Error): void;
}

function setup() {
  let clock = 0;
  const loads: Load[] = [];
  const cache = new SnapshotCache<object>({
    load: (source) =>
      new Promise<Buffer>((resolve, reject) => {
        loads.push({ source, resolve: (b) => resolve(Buffer.from(b)), reject });
      }),
    refreshAfterMs: 500,
    maxAgeMs: 1000,
    now: () => clock,
  });
  const get = async (source: object) => (await cache.get(source)).toString();
  // Lets the cache's promise chain run (the load starts on a microtask, results land on later ones).
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { cache, loads, get, settle, tick: (ms: number) => void (clock += ms) };
}

const A = { name: 'source A' };

/** setup() with a first snapshot 'v1' of A already read (load 0, resolved). */
async function withSnapshot() {
  const s = setup();
  const p = s.get(A);
  await s.settle();
  s.loads[0]?.resolve('v1');
  await p;
  return s;
}
const B = { name: 'source B' };

describe('SnapshotCache', () => {
  it('shares one read among concurrent first requests, then serves the snapshot without reading', async () => {
    const { loads, get, settle, tick } = setup();
    const first = [get(A), get(A), get(A)];
    await settle();
    expect(loads).toHaveLength(1);
    loads[0]?.resolve('v1');
    expect(await Promise.all(first)).toEqual(['v1', 'v1', 'v1']);
    tick(499);
    expect(await get(A)).toBe('v1');
    await settle();
    expect(loads).toHaveLength(1);
  });

  it('between refreshAfter and maxAge serves the snapshot and starts exactly one background read', async () => {
    const { loads, get, settle, tick } = await withSnapshot();
    tick(600);
    expect(await get(A)).toBe('v1');
    expect(await get(A)).toBe('v1');
    await settle();
    expect(loads).toHaveLength(2);
    loads[1]?.resolve('v2');
    await settle();
    expect(await get(A)).toBe('v2');
  });

  it('past maxAge makes requests wait for the read in flight (a hanging source is not hidden)', async () => {
    const { loads, get, settle, tick } = await withSnapshot();
    tick(600);
    await get(A); // starts the background read, which hangs
    tick(400);
    let answered = false;
    const waiting = get(A).finally(() => (answered = true));
    await settle();
    expect(answered).toBe(false);
    expect(loads).toHaveLength(2);
    loads[1]?.reject(new Error('source down'));
    await expect(waiting).rejects.toThrow('source down');
  });

  it('a failed read drops the snapshot: the next request reads again instead of serving stale data', async () => {
    const { loads, get, settle, tick } = await withSnapshot();
    tick(600);
    expect(await get(A)).toBe('v1');
    await settle();
    loads[1]?.reject(new Error('source down'));
    await settle();
    const next = get(A);
    await settle();
    expect(loads).toHaveLength(3);
    loads[2]?.reject(new Error('still down'));
    await expect(next).rejects.toThrow('still down');
    // Errors are not cached either: a recovered source answers on the next request.
    const recovered = get(A);
    await settle();
    loads[3]?.resolve('v3');
    expect(await recovered).toBe('v3');
  });

  it('invalidate() makes the next request wait for a read started after it; an older read cannot overwrite', async () => {
    const { cache, loads, get, settle } = await withSnapshot();
    const joined = (async () => {
      cache.invalidate();
      return get(A);
    })();
    await settle();
    expect(loads).toHaveLength(2);
    // A read that was in flight before a second mutation finishes late: its body goes to its own
    // waiters only.
    cache.invalidate();
    const after = get(A);
    await settle();
    expect(loads).toHaveLength(3);
    loads[2]?.resolve('after');
    loads[1]?.resolve('before');
    expect(await joined).toBe('before');
    expect(await after).toBe('after');
    expect(await get(A)).toBe('after');
  });

  it('never serves one source the snapshot of another (a source switch)', async () => {
    const { loads, get, settle } = setup();
    const a = get(A);
    await settle();
    loads[0]?.resolve('from A');
    expect(await a).toBe('from A');
    const b = get(B);
    await settle();
    expect(loads.map((l) => l.source)).toEqual([A, B]);
    loads[1]?.resolve('from B');
    expect(await b).toBe('from B');
  });

  it('refuses windows that cannot hold', () => {
    const load = async () => Buffer.alloc(0);
    expect(() => new SnapshotCache({ load, refreshAfterMs: 10, maxAgeMs: 5 })).toThrow();
    expect(() => new SnapshotCache({ load, refreshAfterMs: -1, maxAgeMs: 5 })).toThrow();
  });
});
