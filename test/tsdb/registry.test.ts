// The registry covers every vendor, and GET /stats/tsdb/dbvendors's list is exactly the document's.
import { describe, expect, it } from 'vitest';
import { registry, vendorOptions } from '../../src/tsdb/registry.ts';

describe('registry', () => {
  it('has the embedded engine and both document vendors', () => {
    expect(Object.keys(registry).sort()).toEqual(['embedded', 'influx_v1.x', 'influx_v2.x']);
  });

  it('lists exactly the document values and labels, in its order', () => {
    expect(vendorOptions()).toEqual([
      { value: 'influx_v1.x', label: 'InfluxDB v1.x' },
      { value: 'influx_v2.x', label: 'InfluxDB v2.x' },
    ]);
  });
});
