// The adapter a bench worker writes through: the embedded engine in a temp DATA_DIR (unless given), or the
// InfluxDB 1.x adapter on a running influxd, with secrets kept in memory (no key file for a throwaway run).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { embeddedVendor } from '../../src/tsdb/adapters/embedded/index.ts';
import { influxV1Vendor } from '../../src/tsdb/adapters/influx-v1/index.ts';

export interface BenchAdapterArgs {
  mode: string;
  dataDir?: string | undefined;
  url?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** `mode` 'embedded' is the embedded engine; anything else the v1 adapter on `url`. */
export function benchAdapter(a: BenchAdapterArgs, o: { timeoutMs: number; logLevel?: string }): TsdbAdapter {
  const secrets = new Map<string, string>();
  const context = {
    dataDir: a.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-adapter-')),
    timeoutMs: o.timeoutMs,
    logger: pino({ level: o.logLevel ?? 'silent' }),
    secrets: {
      get: (k: string) => secrets.get(k),
      set: async (k: string, v: string) => void secrets.set(k, v),
      delete: async (k: string) => void secrets.delete(k),
    },
  };
  return a.mode === 'embedded'
    ? embeddedVendor.create({ vendor: 'embedded', uri: '' }, context)
    : influxV1Vendor.create({ vendor: 'influx_v1.x', uri: a.url ?? '', username: a.username, password: a.password }, context);
}
