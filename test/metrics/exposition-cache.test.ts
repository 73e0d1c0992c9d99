// ExpositionCache: a sample is rendered on its first scrape and encoded on its first body read, once however
// many scrapes ask, never before anyone asks, and never half one sample and half the next.
import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ExpositionCache } from '../../src/metrics/exposition-cache.ts';

/** A registry with two gauges that counts its renders (registry.metrics() calls); `failNext` makes the next one reject. */
function fixture() {
  const registry = new Registry();
  const gauge = new Gauge({ name: 'x_celsius', help: 'température', registers: [registry] });
  const other = new Gauge({ name: 'y_celsius', help: 'other', registers: [registry] });
  const render = registry.metrics.bind(registry);
  const counts = { renders: 0, failNext: false };
  registry.metrics = () => {
    counts.renders++;
    if (counts.failNext) {
      counts.failNext = false;
      return Promise.reject(new Error('a collect callback threw'));
    }
    return render();
  };
  return { gauge, other, counts, cache: new ExpositionCache(registry) };
}

describe('ExpositionCache', () => {
  it('renders and encodes a sample once, on its first scrape, and again only after the next sample', async () => {
    const { gauge, counts, cache } = fixture();
    gauge.set(1);
    cache.invalidate();
    expect(counts.renders).toBe(0);
    const first = await cache.body();
    expect(first.toString('utf8')).toBe(await cache.text());
    expect(await cache.text()).toContain('x_celsius 1\n');
    expect(await cache.body()).toBe(first);
    expect(counts.renders).toBe(1);
    gauge.set(2);
    cache.invalidate();
    cache.invalidate();
    expect(counts.renders).toBe(1);
    const second = await cache.body();
    expect(second).not.toBe(first);
    expect(second.toString('utf8')).toContain('x_celsius 2\n');
    expect(second.byteLength).toBe(Buffer.byteLength(await cache.text()));
    expect(counts.renders).toBe(2);
  });

  it('gives concurrent scrapes of a sample one render', async () => {
    const { gauge, counts, cache } = fixture();
    gauge.set(3);
    cache.invalidate();
    const bodies = await Promise.all([cache.body(), cache.body(), cache.text()]);
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[2]).toContain('x_celsius 3\n');
    expect(counts.renders).toBe(1);
  });

  it('never serves a render that a new sample overtook: it renders that sample instead', async () => {
    const { gauge, other, cache } = fixture();
    gauge.set(1);
    other.set(1);
    cache.invalidate();
    const text = cache.text();
    // While prom-client renders (it awaits between families), the next sample lands.
    gauge.set(2);
    other.set(2);
    cache.invalidate();
    expect(await text).toMatch(/x_celsius 2\n[^]*y_celsius 2\n/);
  });

  it('fails only the scrapes that shared a failed render: the next scrape renders the sample again', async () => {
    const { gauge, counts, cache } = fixture();
    gauge.set(4);
    cache.invalidate();
    counts.failNext = true;
    const failed = [cache.body(), cache.text()];
    await expect(failed[0]).rejects.toThrow('a collect callback threw');
    await expect(failed[1]).rejects.toThrow('a collect callback threw');
    expect(counts.renders).toBe(1);
    expect(await cache.text()).toContain('x_celsius 4\n');
    expect(counts.renders).toBe(2);
  });
});
