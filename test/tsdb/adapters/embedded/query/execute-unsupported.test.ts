// What the embedded engine does not run answers a statement error that names it (never an exception the
// HTTP layer would turn into a 500): management statements, functions outside the supported set,
// subqueries, INTO, and a GROUP BY time grid too large to build.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../../src/influxql/index.ts';
import { EmbeddedAdapter, executeStatement } from '../../../../../src/tsdb/adapters/embedded/index.ts';

let dir: string;
let adapter: EmbeddedAdapter;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'influxql-unsupported-'));
  adapter = new EmbeddedAdapter({ dataDir: dir, backgroundCheckpoints: false });
  await adapter.writeLinePoints('tsdata', [{ measurement: 'm', tags: { t: 'a' }, fields: { value: 1 }, timeNs: 1_000_000_000n }]);
});

afterAll(async () => {
  await adapter.close();
  await rm(dir, { recursive: true, force: true });
});

const run = (q: string, database: string | null = 'tsdata') => {
  const db = database ?? undefined;
  const [stmt] = parseQuery(q);
  const ctx = { db, nowNs: 10n ** 18n, canRead: () => true, listDatabases: () => ['tsdata'], storage: adapter.queryStorage() };
  return executeStatement(stmt!, ctx);
};

describe('statements outside the supported set', () => {
  it.each([
    ['SHOW USERS', 'statement not supported by the embedded engine: SHOW USERS'],
    ['DROP DATABASE tsdata', 'statement not supported by the embedded engine: DROP DATABASE tsdata'],
    ["CREATE USER x WITH PASSWORD 'secret'", 'statement not supported by the embedded engine: CREATE USER x WITH PASSWORD [REDACTED]'],
    ['SELECT derivative(value) FROM m', 'function derivative() is not supported by the embedded engine'],
    ['SELECT mean(*) FROM m', 'mean() of a wildcard or regex is not supported by the embedded engine; name the field'],
    ['SELECT value FROM (SELECT value FROM m)', 'subqueries are not supported by the embedded engine'],
    ['SELECT value INTO other FROM m', 'SELECT ... INTO is not supported by the embedded engine'],
    ['SELECT count(value) FROM m WHERE time >= 0 AND time < 30d GROUP BY time(1s)', 'max-select-buckets limit exceeded: (2592000/1000000)'],
    ['SELECT value FROM m WHERE time > now() - 1h', undefined],
  ])('%s', (q, error) => {
    const result = run(q);
    if (error === undefined) expect(result.error).toBeUndefined();
    else expect(result.error).toContain(error);
  });

  it('a database that does not exist or none at all is influxd error text', () => {
    expect(run('SELECT value FROM m', 'nope').error).toBe('database not found: nope');
    expect(run('SELECT value FROM m', null).error).toBe('database name required');
    expect(run('SHOW MEASUREMENTS', 'nope')).toEqual({});
  });
});
