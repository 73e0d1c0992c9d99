// The `influx_v1.x` registry entry: validates the connection settings without I/O and builds the adapter.
import type { VendorEntry } from '../../adapter.ts';
import { parseSourceUrl } from '../source-url.ts';
import { InfluxV1Adapter } from './adapter.ts';

export const influxV1Vendor: VendorEntry = {
  label: 'InfluxDB v1.x',
  create(connection, context) {
    parseSourceUrl(connection.uri, 'db_username and db_password');
    return new InfluxV1Adapter(connection, context);
  },
};
