// PLACEHOLDER during the initial build-out: replaced by the real adapter before any issue is resolved.
import type { VendorEntry } from '../../adapter.ts';

export const influxV2Vendor: VendorEntry = {
  label: undefined,
  create() {
    throw new Error('adapter influx-v2 not built yet');
  },
};
