// The embedded engine's retention (EMBEDDED_RETENTION): what each database reports to SHOW RETENTION
// POLICIES and /write, and the background purge of samples older than it.
import { describe, expect, it, vi } from 'vitest';
import { useEmbeddedDir } from './support.ts';

const fx = useEmbeddedDir();
const WEEK_NS = 7n * 86_400_000_000_000n;

describe('embedded retention', () => {
  it('every existing database reports the configured retention; a missing one and inf report undefined', async () => {
    const a = fx.adapter({ retentionNs: WEEK_NS });
    await a.createDatabase('other');
    expect(a.retentionNs('tsdata')).toBe(WEEK_NS);
    expect(a.retentionNs('other')).toBe(WEEK_NS);
    expect(a.retentionNs('missing')).toBeUndefined();
    await a.close();
    expect(fx.adapter().retentionNs('tsdata')).toBeUndefined();
    expect(fx.adapter({ retentionNs: 0n }).retentionNs('tsdata')).toBeUndefined();
  });
});

describe('embedded retention purge', () => {
  const HOUR_NS = 3_600_000_000_000n;
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const lines = (measurement: string, count: number, fromNs: bigint) =>
    Array.from({ length: count }, (_, i) => ({
      measurement,
      tags: { tagName: `t${i % 7}` },
      fields: { value: i * 1.5, note: `sample number ${i} with some text to take room` },
      timeNs: fromNs + BigInt(i) * 1_000_000n,
    }));
  const sizeOf = async (a: ReturnType<typeof fx.adapter>) => (await a.listDatabases()).find((d) => d.name === 'tsdata')!;

  it('deletes samples older than the retention, drops measurements left empty, and the size shrinks', async () => {
    const a = fx.adapter({ retentionNs: HOUR_NS });
    await a.writeLinePoints('tsdata', lines('old', 30_000, nowNs - 3n * HOUR_NS));
    await a.writeLinePoints('tsdata', lines('mixed', 20_000, nowNs - 2n * HOUR_NS));
    await a.writeLinePoints('tsdata', lines('mixed', 10, nowNs - 1_000_000_000n));
    const before = await sizeOf(a);
    expect(before.measurements).toEqual(['mixed', 'old']);

    expect(await a.purgeExpired(nowNs)).toBe(50_000);
    const after = await sizeOf(a);
    expect(after.measurements).toEqual(['mixed']);
    expect(after.size).toBeLessThan(before.size / 2);
    // Nothing left to purge: a second run deletes nothing.
    expect(await a.purgeExpired(nowNs)).toBe(0);
  });

  it('keeps everything with retention inf', async () => {
    const a = fx.adapter();
    await a.writeLinePoints('tsdata', lines('old', 100, nowNs - 1000n * HOUR_NS));
    expect(await a.purgeExpired(nowNs)).toBe(0);
    expect((await sizeOf(a)).measurements).toEqual(['old']);
  });

  it('a dropped measurement gives its space back once the background purge has run', async () => {
    const a = fx.adapter();
    await a.writeLinePoints('tsdata', lines('big', 30_000, nowNs));
    await a.writeLinePoints('tsdata', lines('small', 10, nowNs));
    const before = (await sizeOf(a)).size;
    await a.dropMeasurement('tsdata', 'big');
    await vi.waitFor(async () => expect((await sizeOf(a)).size).toBeLessThan(before / 2), { timeout: 20_000 });
  });
});
