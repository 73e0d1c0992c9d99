// Seeds the admin-read data set through an adapter, in its own process: `dbs` databases of `measurements`
// measurements each (one point per measurement) and `users` users with READ on two databases each.
// argv[2]: JSON { mode: 'embedded'|'v1', dbs, measurements, users, dataDir?, url?, username?, password? }
import type { Point } from '../../src/tsdb/adapter.ts';
import { benchAdapter } from '../lib/adapter.ts';

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
const adapter = benchAdapter(a, { timeoutMs: 60_000 });

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
