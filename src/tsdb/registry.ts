// The adapter registry: a plain map from db_vendor to its factory, checked with `satisfies` so a
// missing vendor is a compile error. GET /stats/tsdb/dbvendors derives from it.
import type { AdapterVendor, VendorEntry } from './adapter.ts';
import { embeddedVendor } from './adapters/embedded/index.ts';
import { influxV1Vendor } from './adapters/influx-v1/index.ts';
import { influxV2Vendor } from './adapters/influx-v2/index.ts';

// Key order is the order of the dbvendors answer (the document lists v1.x, then v2.x).
export const registry = {
  'influx_v1.x': influxV1Vendor,
  'influx_v2.x': influxV2Vendor,
  embedded: embeddedVendor,
} as const satisfies Record<AdapterVendor, VendorEntry>;

export interface VendorOption {
  value: AdapterVendor;
  label: string;
}

/** Vendors with a label, in registry order; the embedded engine has none and stays off the list. */
export function vendorOptions(): VendorOption[] {
  return (Object.entries(registry) as [AdapterVendor, VendorEntry][]).flatMap(([value, entry]) =>
    entry.label === undefined ? [] : [{ value, label: entry.label }],
  );
}
