// Shared setup for the InfluxDB 1.x adapter tests: an adapter for a harness influxd, with its log lines
// captured so tests can prove what is (and is not) logged.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { TsdbAdapter } from '../../../../src/tsdb/adapter.ts';
import { influxV1Vendor } from '../../../../src/tsdb/adapters/influx-v1/index.ts';

export interface AdapterUnderTest {
  adapter: TsdbAdapter;
  /** Every log line the adapter wrote, as raw JSON text. */
  logs: string[];
}

export function makeAdapter(
  uri: string,
  creds: { username: string; password: string },
  timeoutMs = 5000,
): AdapterUnderTest {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const adapter = influxV1Vendor.create(
    { vendor: 'influx_v1.x', uri, username: creds.username, password: creds.password },
    {
      dataDir: '/nonexistent',
      timeoutMs,
      logger: pino({ level: 'debug' }, stream),
      secrets: { get: () => undefined, set: async () => {}, delete: async () => {} },
    },
  );
  return { adapter, logs };
}
