// Seeds the admin-read data set through an adapter, in its own process: `dbs` databases of `measurements`
// measurements each (one point per measurement) and `users` users with READ on two databases each.
// argv[2]: JSON { mode: 'embedded'|'v1', dbs, measurements, users, dataDir?, url?, username?, password? }
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Point, TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { embeddedVendor } from '../../src/tsdb/adapters/embedded/index.ts';
import { influxV1Vendor } from '../../src/tsdb/adapters/influx-v1/index.ts';

interface Args {
  mode: 'embedded' | 'v1';
  dbs: number;
  measurements: number;
  users: number;
  dataDir?: string;
  url?: string;
  username?: string;
  password?: string;
}

const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const secrets = new Map<string, string>();
const context = {
  dataDir: a.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bench-seed-')),
  timeoutMs: 60_000,
  logger: pino({ level: 'silent' }),
  secrets: {
    get: (k: string) => secrets.get(k),
    set: async (k: string, v: string) => void secrets.set(k, v),
    delete: async (k: string) => void secrets.delete(k),
  },
};
const adapter: TsdbAdapter =
  a.mode === 'embedded'
    ? embeddedVendor.create({ vendor: 'embedded', uri: '' }, context)
    : influxV1Vendor.create({ vendor: 'influx_v1.x', uri: a.url ?? '', username: a.username, password: a.password }, context);

/** Runs fn over items with at most `limit` in flight (password hashing dominates user creation). */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(lanes);
}

const dbNames = Array.from({ length: a.dbs }, (_, i) => `plant_${String(i).padStart(2, '0')}`);
const now = Date.now();
await pool(dbNames, 4, async (db) => {
  await adapter.createDatabase(db);
  const points: Point[] = Array.from({ length: a.measurements }, (_, m) => ({
    measurement: `Line${m % 10}_Machine${m}.a1b2c3d4-0000-4000-8000-${String(m).padStart(12, '0')}`,
    tags: { tagName: 'Temperature' },
    fields: { value: 20.5 + m },
    timestampMs: now,
  }));
  await adapter.writePoints(db, points);
});
const userNames = Array.from({ length: a.users }, (_, i) => `operator_${String(i).padStart(3, '0')}`);
await pool(userNames, 8, async (u) => {
  const i = Number(u.slice(-3));
  const grants = [dbNames[i % a.dbs], dbNames[(i + 1) % a.dbs]]
    .filter((d): d is string => d !== undefined)
    .map((database) => ({ database, privileges: 'READ' as const }));
  await adapter.createUser(u, `pw-${u}-secret`, grants);
});
await adapter.close();
console.log(JSON.stringify({ dbs: a.dbs, users: a.users }));
