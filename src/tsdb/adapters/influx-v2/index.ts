// The `influx_v2.x` registry entry: validates the connection settings without I/O and builds the adapter.
import { badRequest } from '../../../errors.ts';
import type { VendorEntry } from '../../adapter.ts';
import { parseSourceUrl } from '../source-url.ts';
import { InfluxV2Adapter } from './adapter.ts';

export const influxV2Vendor: VendorEntry = {
  label: 'InfluxDB v2.x',
  create(connection, context) {
    const url = parseSourceUrl(connection.uri, 'db_influx2_auth_token');
    const token = connection.token?.trim();
    const org = connection.org?.trim();
    if (!token) throw badRequest('db_influx2_auth_token is required for InfluxDB 2.x');
    if (!org) throw badRequest('db_influx2_org_name is required for InfluxDB 2.x');
    return new InfluxV2Adapter({ ...connection, uri: url.href.replace(/\/$/, ''), token, org }, context);
  },
};
