// The adapter contract suite through the InfluxDB 2.x adapter: against the stand-in by default, and
// unchanged against a real server when INFLUX_V2_URL, INFLUX_V2_TOKEN and INFLUX_V2_ORG are set.
import pino from 'pino';
import { influxV2Vendor } from '../../../../src/tsdb/adapters/influx-v2/index.ts';
import { describeAdapterContract } from '../../adapter-contract/index.ts';
import { startInflux2Standin } from '../../../../support/influx2-standin/index.ts';
import { memorySecrets } from '../../../../support/influx2-standin/memory-secrets.ts';

const real = process.env.INFLUX_V2_URL;

describeAdapterContract(
  real ? `influx_v2.x on ${real}` : 'influx_v2.x on the stand-in',
  async () => {
    const standin = real ? undefined : await startInflux2Standin();
    const adapter = influxV2Vendor.create(
      {
        vendor: 'influx_v2.x',
        uri: real ?? standin!.url,
        token: real ? process.env.INFLUX_V2_TOKEN : standin!.token,
        org: real ? process.env.INFLUX_V2_ORG : standin!.org,
      },
      { dataDir: '/nonexistent', timeoutMs: 5000, logger: pino({ level: 'silent' }), secrets: memorySecrets() },
    );
    return {
      adapter,
      async cleanup() {
        await adapter.close();
        await standin?.close();
      },
    };
  },
  // Legacy authorizations cannot hold an empty permission set, and bucket names may not contain `"`.
  { noPrivilegesRows: false, doubleQuoteInDatabaseNames: false },
);
