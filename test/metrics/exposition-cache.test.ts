// ExpositionCache: the body is the current text's bytes, encoded once per sample however many scrapes ask.
import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ExpositionCache } from '../../src/metrics/exposition-cache.ts';

describe('ExpositionCache', () => {
  it('encodes the latest render once, on the first read of its body', async () => {
    const registry = new Registry();
    const gauge = new Gauge({ name: 'x_celsius', help: 'température', registers: [registry] });
    const cache = new ExpositionCache();
    expect(cache.body.length).toBe(0);
    gauge.set(1);
    await cache.render(registry);
    const first = cache.body;
    expect(first.toString('utf8')).toBe(cache.text);
    expect(cache.text).toContain('x_celsius 1');
    expect(cache.body).toBe(first);
    gauge.set(2);
    await cache.render(registry);
    expect(cache.body).not.toBe(first);
    expect(cache.body.toString('utf8')).toContain('x_celsius 2');
    expect(cache.body.byteLength).toBe(Buffer.byteLength(cache.text));
  });
});
