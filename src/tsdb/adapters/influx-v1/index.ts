// The `influx_v1.x` registry entry: validates the connection settings without I/O and builds the adapter.
import { badRequest } from '../../../errors.ts';
import type { VendorEntry } from '../../adapter.ts';
import { InfluxV1Adapter } from './adapter.ts';

export const influxV1Vendor: VendorEntry = {
  label: 'InfluxDB v1.x',
  create(connection, context) {
    let url: URL;
    try {
      url = new URL(connection.uri);
    } catch {
      throw badRequest(`db_uri ${JSON.stringify(connection.uri)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw badRequest('db_uri must be an http:// or https:// URL');
    }
    if (url.username || url.password) {
      // Credentials in the URL would end up in error messages and logs; they have their own fields.
      throw badRequest('db_uri must not contain credentials; use db_username and db_password');
    }
    if (url.search || url.hash) throw badRequest('db_uri must not have a query string or fragment');
    return new InfluxV1Adapter(connection, context);
  },
};
