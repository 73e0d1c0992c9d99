// The /write body free list: buffers come back for reuse, only whole ones of a sane size, only as many as kept.
import { describe, expect, it } from 'vitest';
import { BodyBuffers } from '../../../../../src/tsdb/adapters/influx-v1/write/body-buffers.ts';

describe('BodyBuffers', () => {
  it('hands back the buffer a written body lived in, whatever part of it was used', () => {
    const pool = new BodyBuffers(2);
    const a = pool.take(1000);
    expect(a.length).toBeGreaterThanOrEqual(64 * 1024);
    pool.give(a.subarray(0, 10));
    const b = pool.take(1000);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(a.length);
  });

  it('never hands out one buffer twice, and allocates when the free one is too small', () => {
    const pool = new BodyBuffers(2);
    const a = pool.take(10);
    const b = pool.take(10);
    expect(b.buffer).not.toBe(a.buffer);
    pool.give(a);
    const big = pool.take(1 << 20);
    expect(big.buffer).not.toBe(a.buffer);
    expect(big.length).toBeGreaterThanOrEqual(1 << 20);
  });

  it('keeps at most `keep` buffers, drops oversized ones and views into shared memory', () => {
    const pool = new BodyBuffers(1);
    const a = pool.take(10);
    const b = pool.take(10);
    pool.give(a);
    pool.give(b); // over the limit: dropped
    expect(pool.take(10).buffer).toBe(a.buffer);
    expect(pool.take(10).buffer).not.toBe(b.buffer);

    const huge = Buffer.allocUnsafeSlow(9 * 1024 * 1024);
    pool.give(huge);
    expect(pool.take(10).buffer).not.toBe(huge.buffer);

    const shared = Buffer.allocUnsafeSlow(128 * 1024).subarray(16);
    pool.give(shared);
    expect(pool.take(10).buffer).not.toBe(shared.buffer);
  });
});
