// DEMO=1: on a fresh DATA_DIR, make the active source look like the document's examples (tsdata with
// analytics measurements, le_stats, user `observer` with READ on both), once: a marker file under
// DATA_DIR records that it ran, so deleting demo data later is not undone by a restart.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import type { ActiveTargetProvider } from '../tsdb/active-target.ts';
import { demoStatsPoints, demoTsdataPoints } from './demo-data.ts';
import type { PlaneLogger } from './log-limiter.ts';

export const DEMO_USER = 'observer';

export function demoMarkerFile(dataDir: string): string {
  return path.join(dataDir, 'devicehub', 'demo-seed.json');
}

const ignoreStatus = (status: number) => (err: unknown) => {
  if (err instanceof AppError && err.statusCode === status) return;
  throw err;
};

/** Seeds once; true when it seeded now. Throws when the source refuses (the caller logs and goes on). */
export async function seedDemo(options: {
  dataDir: string;
  targets: ActiveTargetProvider;
  logger: PlaneLogger;
  now?: number;
}): Promise<boolean> {
  const marker = demoMarkerFile(options.dataDir);
  if ((await readJsonFile(marker)) !== undefined) return false;
  const now = options.now ?? Date.now();
  const { adapter, database } = options.targets.activeTarget();
  // An existing database is fine (the embedded engine bootstraps tsdata; a real influxd may have it).
  await adapter.createDatabase(database).catch(ignoreStatus(409));
  await adapter.createDatabase('le_stats').catch(ignoreStatus(409));
  await adapter.writePoints(database, demoTsdataPoints(now));
  await adapter.writePoints('le_stats', demoStatsPoints(now));
  // The password is random and never shown: an admin sets one with PUT /stats/users/observer/password.
  const grants = [
    { database: 'le_stats', privileges: 'READ' as const },
    { database, privileges: 'READ' as const },
  ];
  await adapter.createUser(DEMO_USER, randomBytes(24).toString('base64url'), grants).catch(ignoreStatus(409));
  await writeJsonAtomic(marker, { seededAt: new Date(now).toISOString(), database });
  options.logger.info({ database, user: DEMO_USER }, 'demo data seeded');
  return true;
}
