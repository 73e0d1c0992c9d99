// Network counters never go backwards: wraps, resets, vanishing and returning interfaces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NetCounters, counterDelta } from '../../../src/metrics/proc/net-counters.ts';
import type { IfaceBytes } from '../../../src/metrics/proc/netdev.ts';

const reading = (o: Record<string, [number, number]>) =>
  new Map<string, IfaceBytes>(Object.entries(o).map(([k, [rx, tx]]) => [k, { rx, tx }]));

describe('counterDelta', () => {
  it.each([
    ['growth', 100, 150, 50],
    ['no change', 7, 7, 0],
    ['a 32-bit wrap', 2 ** 32 - 100, 50, 150],
    ['a reset of a small counter', 5_000_000, 1_000, 1_000],
    ['a reset of a 64-bit counter', 2 ** 40, 10, 10],
  ])('%s', (_name, prev, cur, want) => {
    expect(counterDelta(prev, cur)).toBe(want);
  });
});

describe('NetCounters', () => {
  it('starts interfaces present at service start at 0, later ones at their kernel count', () => {
    const c = new NetCounters();
    expect([...c.update(reading({ eth0: [1000, 2000] }))]).toEqual([['eth0', { rx: 0, tx: 0 }]]);
    expect([...c.update(reading({ eth0: [1500, 2100], wlan0: [300, 40] }))]).toEqual([
      ['eth0', { rx: 500, tx: 100 }],
      ['wlan0', { rx: 300, tx: 40 }],
    ]);
  });

  it('drops a vanished interface and resumes it above its old total when it returns', () => {
    const c = new NetCounters();
    c.update(reading({ veth: [0, 0] }));
    c.update(reading({ veth: [900, 900] }));
    expect(c.update(reading({})).has('veth')).toBe(false);
    // Re-created: the kernel counter restarted below the last reading.
    expect(c.update(reading({ veth: [100, 50] })).get('veth')).toEqual({ rx: 1000, tx: 950 });
  });

  it('never goes backwards, whatever the kernel prints', () => {
    const counter = fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), fc.maxSafeNat());
    const sample = fc.dictionary(fc.constantFrom('eth0', 'lo', 'veth1', 'wlan0'), fc.tuple(counter, counter));
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 20 }), (samples) => {
        const c = new NetCounters();
        const last = new Map<string, IfaceBytes>();
        for (const s of samples) {
          for (const [name, total] of c.update(reading(s))) {
            const before = last.get(name);
            if (before) {
              expect(total.rx).toBeGreaterThanOrEqual(before.rx);
              expect(total.tx).toBeGreaterThanOrEqual(before.tx);
            }
            last.set(name, total);
          }
        }
      }),
    );
  });
});
