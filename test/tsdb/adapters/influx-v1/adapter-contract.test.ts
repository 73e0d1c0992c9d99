// The adapter contract suite through the InfluxDB 1.x adapter against a real influxd (auth enabled).
import pino from 'pino';
import { influxV1Vendor } from '../../../../src/tsdb/adapters/influx-v1/index.ts';
import { describeAdapterContract } from '../../adapter-contract/index.ts';
import { startInfluxd } from '../../../../support/influxd.ts';

describeAdapterContract('influx_v1.x on influxd', async () => {
  const influxd = await startInfluxd();
  const adapter = influxV1Vendor.create(
    { vendor: 'influx_v1.x', uri: influxd.url, username: influxd.admin.username, password: influxd.admin.password },
    {
      dataDir: influxd.dir,
      timeoutMs: 5000,
      logger: pino({ level: 'silent' }),
      secrets: { get: () => undefined, set: async () => {}, delete: async () => {} },
    },
  );
  return {
    adapter,
    async cleanup() {
      await adapter.close();
      await influxd.dispose();
    },
  };
});
