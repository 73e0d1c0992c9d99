// The adapter every caller gets while the emulator replaces DATA_DIR's state (reset, snapshot restore):
// each call answers 503 at once, so routes report it and the data plane buffers, and no file is opened.
import { unavailable } from '../errors.ts';
import type { AdapterVendor, TsdbAdapter } from './adapter.ts';

const REASON = 'the TSDB source is being reset or restored (POST /__emulator/reset, PUT /__emulator/snapshot)';

export function suspendedAdapter(vendor: AdapterVendor): TsdbAdapter {
  const down = async (): Promise<never> => {
    throw unavailable(REASON);
  };
  return {
    vendor,
    testConnection: async () => ({ is_connected: false, response: REASON }),
    listDatabases: down,
    createDatabase: down,
    dropDatabase: down,
    dropMeasurement: down,
    listUsers: down,
    createUser: down,
    grant: down,
    revoke: down,
    setPassword: down,
    dropUser: down,
    writePoints: down,
    close: async () => undefined,
  };
}
