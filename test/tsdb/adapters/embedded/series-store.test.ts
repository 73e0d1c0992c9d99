// Table tests of the embedded engine's canonical tag-set key (src/tsdb/adapters/embedded/series-store.ts).
import { describe, expect, it } from 'vitest';
import { tagsetKey } from '../../../../src/tsdb/adapters/embedded/series-store.ts';

describe('tagsetKey', () => {
  it('treats an empty tag value as no tag, as InfluxDB does', () => {
    expect(tagsetKey({ a: '', b: '1' })).toBe(tagsetKey({ b: '1' }));
  });

  it('is independent of key order and distinguishes values', () => {
    expect(tagsetKey({ b: '2', a: '1' })).toBe(tagsetKey({ a: '1', b: '2' }));
    expect(tagsetKey({ a: '1,b=2' })).not.toBe(tagsetKey({ a: '1', b: '2' }));
    expect(tagsetKey({})).toBe('[]');
  });
});
