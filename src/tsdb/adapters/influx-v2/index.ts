// The `influx_v2.x` registry entry: validates the connection settings without I/O and builds the adapter.
import { badRequest } from '../../../errors.ts';
import type { VendorEntry } from '../../adapter.ts';
import { InfluxV2Adapter } from './adapter.ts';

export const influxV2Vendor: VendorEntry = {
  label: 'InfluxDB v2.x',
  create(connection, context) {
    let url: URL;
    try {
      url = new URL(connection.uri);
    } catch {
      throw badRequest(`db_uri ${JSON.stringify(connection.uri)} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('db_uri must be an http:// or https:// URL');
    if (url.username || url.password) throw badRequest('db_uri must not contain credentials; use db_influx2_auth_token');
    if (url.search || url.hash) throw badRequest('db_uri must not have a query string or fragment');
    const token = connection.token?.trim();
    const org = connection.org?.trim();
    if (!token) throw badRequest('db_influx2_auth_token is required for InfluxDB 2.x');
    if (!org) throw badRequest('db_influx2_org_name is required for InfluxDB 2.x');
    return new InfluxV2Adapter({ ...connection, uri: url.href.replace(/\/$/, ''), token, org }, context);
  },
};
