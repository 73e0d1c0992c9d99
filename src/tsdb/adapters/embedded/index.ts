// The embedded engine's registry entry: the default backing of the `internal` source. It is not one
// of the document's vendors, so it has no label and stays off GET /stats/tsdb/dbvendors.
import type { VendorEntry } from '../../adapter.ts';
import { EmbeddedAdapter } from './adapter.ts';

export { EmbeddedAdapter, type EmbeddedOptions } from './adapter.ts';
export type { LinePoint, LineFieldValue } from './field-types.ts';
export { valueJson } from './field-types.ts';
export type { LineWriteResult } from './series-store.ts';

export const embeddedVendor: VendorEntry = {
  label: undefined,
  // No I/O here: files open on the adapter's first call, and `tsdata` is created then on a fresh dataDir.
  create(_connection, context) {
    return new EmbeddedAdapter({
      dataDir: context.dataDir,
      logger: context.logger,
      ioFault: context.ioFault,
      retentionNs: context.retentionNs,
    });
  },
};
export { executeStatement } from './query/execute.ts';
export type { QueryContext, QueryStorage, ResultSeries, StatementResult } from './query/types.ts';
