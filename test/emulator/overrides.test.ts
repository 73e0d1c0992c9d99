// Metric overrides as plain data (clock and chance injected): constants, added label values, ramps, bounded
// walks, counter rates that stay monotonic after the override ends, for_s, and bad input naming the field.
import { describe, expect, it } from 'vitest';
import { MetricOverrides, overrideBodySchema } from '../../src/emulator/overrides.ts';
import type { FamilySeries } from '../../src/metrics/index.ts';

function live(rx = 1000, avail = 5_000_000): FamilySeries {
  return {
    cpuIdle: [{ labels: {}, value: 90 }],
    cpuSystem: [{ labels: {}, value: 4 }],
    cpuUser: [{ labels: {}, value: 6 }],
    memoryUsed: [{ labels: {}, value: 30 }],
    natsInMsgs: [{ labels: {}, value: 0 }],
    networkReceive: [{ labels: { name: 'eth0' }, value: rx }],
    networkTransmit: [{ labels: { name: 'eth0' }, value: 10 }],
    storageAvailable: [{ labels: { name: '/' }, value: avail }],
    storageSize: [{ labels: { name: '/' }, value: 9_000_000 }],
    storageUsed: [{ labels: { name: '/' }, value: 4_000_000 }],
  };
}

const body = (o: object) => overrideBodySchema.parse(o);

describe('MetricOverrides', () => {
  it('is idle with nothing set and leaves every other series live', () => {
    let now = 0;
    const o = new MetricOverrides(() => now);
    expect(o.idle).toBe(true);
    const sample = live();
    expect(o.map(sample)).toBe(sample); // idle: passed through, not copied
    o.set('node_cpu_user', body({ value: 97 }));
    expect(o.idle).toBe(false);
    const out = o.map(live());
    expect(out.cpuUser).toEqual([{ labels: {}, value: 97 }]);
    expect(out.cpuIdle).toEqual([{ labels: {}, value: 90 }]);
    now += 1;
    expect(o.remove('node_cpu_user')).toBe(1);
    expect(o.idle).toBe(true);
  });

  it('adds a label value the host lacks, ramps, and reverts after for_s', () => {
    let now = 0;
    const o = new MetricOverrides(() => now);
    o.set('node_storage_available', body({ labels: { name: '/data' }, value: 1024, for_s: 10 }));
    o.set('node_storage_used', body({ labels: { name: '/' }, ramp: { from: 20, to: 100, over_s: 8 } }));
    now = 4000;
    let out = o.map(live());
    expect(out.storageAvailable).toEqual([{ labels: { name: '/' }, value: 5_000_000 }, { labels: { name: '/data' }, value: 1024 }]);
    expect(out.storageUsed).toEqual([{ labels: { name: '/' }, value: 60 }]);
    now = 10_000;
    out = o.map(live());
    expect(out.storageAvailable).toEqual([{ labels: { name: '/' }, value: 5_000_000 }]);
    expect(out.storageUsed[0]?.value).toBe(100);
    expect(o.list().map((v) => v.family)).toEqual(['node_storage_used']);
  });

  it('walks within its bounds', () => {
    const rolls = [1, 1, 1, 0, 0, 0, 0, 0];
    const o = new MetricOverrides(() => 0, () => rolls.shift() ?? 0.5);
    o.set('node_memory_used', body({ walk: { min: 10, max: 20, step: 4, start: 15 } }));
    const seen = Array.from({ length: 9 }, () => o.map(live()).memoryUsed[0]?.value);
    expect(seen).toEqual([15, 19, 20, 20, 16, 12, 10, 10, 10]);
  });

  it('keeps a counter monotonic: a rate while set, and its lead after it ends', () => {
    let now = 0;
    const o = new MetricOverrides(() => now);
    o.set('node_network_receive', body({ labels: { name: 'eth0' }, rate_per_s: 1000, for_s: 5 }));
    const totals: number[] = [];
    for (let t = 0; t <= 10; t++) {
      now = t * 1000;
      totals.push(o.map(live(1000 + t)).networkReceive[0]?.value ?? NaN);
    }
    expect(totals.slice(0, 5)).toEqual([1000, 2000, 3000, 4000, 5000]);
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeGreaterThanOrEqual(totals[i - 1] as number);
    // After the override the live increments show again, on top of the lead.
    expect((totals[10] as number) - (totals[9] as number)).toBe(1);
  });

  it.each([
    ['node_cpu_usage', { value: 1 }, /family: unknown metric family "node_cpu_usage"/],
    ['node_cpu_user', { labels: { name: '/' }, value: 1 }, /body\.labels\.name: node_cpu_user has no labels/],
    ['node_storage_used', { labels: { mount: '/' }, value: 1 }, /body\.labels\.mount: node_storage_used has only the label name/],
    ['node_network_receive', { value: 5 }, /body\.rate_per_s: .*counter/],
    ['node_cpu_user', { rate_per_s: 5 }, /body\.rate_per_s: node_cpu_user is a gauge/],
  ])('refuses %s %j and changes nothing', (family, b, message) => {
    const o = new MetricOverrides();
    expect(() => o.set(family, body(b))).toThrow(message);
    expect(o.list()).toEqual([]);
    expect(o.idle).toBe(true);
  });

  it('needs exactly one shape', () => {
    expect(overrideBodySchema.safeParse({ value: 1, ramp: { from: 0, to: 1, over_s: 1 } }).success).toBe(false);
    expect(overrideBodySchema.safeParse({ for_s: 3 }).success).toBe(false);
  });
});
