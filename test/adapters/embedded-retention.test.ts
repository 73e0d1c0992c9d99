// The embedded engine's retention (EMBEDDED_RETENTION): what each database reports to SHOW RETENTION
// POLICIES and /write, and the background purge of samples older than it.
import { describe, expect, it } from 'vitest';
import { useEmbeddedDir } from './embedded-support.ts';

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
