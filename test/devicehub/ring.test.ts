// The writer's bounded FIFO: oldest dropped first, failed batches go back to the front.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ring } from '../../src/devicehub/ring.ts';

describe('Ring', () => {
  it('drops the oldest when full', () => {
    const r = new Ring<number>(3);
    expect([1, 2, 3, 4, 5].map((n) => r.push(n))).toEqual([0, 0, 0, 1, 1]);
    expect(r.shift(10)).toEqual([3, 4, 5]);
    expect(r.length).toBe(0);
  });

  it('puts a failed batch back in front, dropping its oldest when there is no room', () => {
    const r = new Ring<number>(4);
    [1, 2, 3, 4].forEach((n) => r.push(n));
    const batch = r.shift(3);
    r.push(5);
    r.push(6);
    expect(r.unshift(batch)).toBe(2);
    expect(r.shift(10)).toEqual([3, 4, 5, 6]);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
  });

  it('keeps the newest `capacity` items in order, whatever the operations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.oneof(fc.constant('push' as const), fc.integer({ min: 0, max: 5 })), { maxLength: 60 }),
        (capacity, ops) => {
          const r = new Ring<number>(capacity);
          const model: number[] = [];
          let next = 0;
          for (const op of ops) {
            if (op === 0 && model.length % 2 === 1) {
              expect(r.clear()).toBe(model.length);
              model.length = 0;
            } else if (op === 'push') {
              r.push(next);
              model.push(next++);
              if (model.length > capacity) model.shift();
            } else {
              expect(r.shift(op)).toEqual(model.splice(0, op));
            }
            expect(r.length).toBe(model.length);
          }
        },
      ),
    );
  });
});
