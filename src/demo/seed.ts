// DEMO=1, at start-up: on a fresh DATA_DIR, make the active source look like the document's examples (tsdata
// with analytics measurements, le_stats, user `observer` with READ on both), once: a marker file under DATA_DIR
// records that it ran, so deleting demo data later is not undone by a restart.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../errors.ts';
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import type { TsdbAdapter } from '../tsdb/adapter.ts';
import { demoStatsPoints, demoTsdataPoints } from './data.ts';

export const DEMO_USER = 'observer';

export function demoMarkerFile(dataDir: string): string {
  return path.join(dataDir, 'devicehub', 'demo-seed.json');
}

export interface DemoSeedOptions {
  dataDir: string;
  /** The active source's adapter, guarded (a source that hangs must not hold start-up). */
  adapter: TsdbAdapter;
  /** The active source's database, where tag values go. */
  database: string;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  now?: number;
}

const ignoreStatus = (status: number) => (err: unknown) => {
  if (err instanceof AppError && err.statusCode === status) return;
  throw err;
};

/**
 * Seeds once; true when it seeded now. Never throws: a demo nicety must not keep the device from starting,
 * so a refusing source is logged and the next start tries again.
 */
export async function seedDemo(options: DemoSeedOptions): Promise<boolean> {
  try {
    return await seedOnce(options);
  } catch (err) {
    options.logger.warn({ err }, 'demo seed failed');
    return false;
  }
}

async function seedOnce({ dataDir, adapter, database, logger, now = Date.now() }: DemoSeedOptions): Promise<boolean> {
  const marker = demoMarkerFile(dataDir);
  if ((await readJsonFile(marker)) !== undefined) return false;
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
  logger.info({ database, user: DEMO_USER }, 'demo data seeded');
  return true;
}
