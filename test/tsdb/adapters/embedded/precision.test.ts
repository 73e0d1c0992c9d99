// The embedded engine's time precision and field types: nanosecond times on both write paths, integers
// kept apart from floats, influxd's field type conflicts per shard group, and the migration of a file
// written by the millisecond layout (schema version 0).
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { expectStatus } from '../../adapter-contract/index.ts';
import { useEmbeddedDir } from './support.ts';

const fx = useEmbeddedDir();

/** The samples of measurement id 1 as SQLite holds them: ts as bigint, each field with its json_type. */
async function stored(): Promise<{ ts: bigint; fields: string; types: string }[]> {
  const db = new DatabaseSync(await fx.onlyDbFile(), { readOnly: true });
  try {
    const q = db.prepare(
      "SELECT ts, fields, (SELECT group_concat(key || ':' || type, ',') FROM json_each(fields)) AS types FROM samples_1 ORDER BY ts",
    );
    q.setReadBigInts(true);
    return q.all() as never;
  } finally {
    db.close();
  }
}

const NS = 1_700_000_000_123_456_789n;

describe('embedded engine time precision and field types', () => {
  it('keeps nanoseconds and integer fields from the line-protocol path; ms writes become exact ns', async () => {
    const a = fx.adapter({ backgroundCheckpoints: false });
    const result = await a.writeLinePoints('tsdata', [
      { measurement: 'm', tags: { t: 'a' }, fields: { i: { int: 9007199254740993n }, f: 2, b: true, s: 'x' }, timeNs: NS },
    ]);
    expect(result).toEqual({ dropped: 0, firstError: undefined });
    await a.writePoints('tsdata', [{ measurement: 'm', tags: { t: 'a' }, fields: { f: 1.5 }, timestampMs: 1_700_000_000_124 }]);
    await a.close();
    expect(await stored()).toEqual([
      { ts: NS, fields: '{"i":9007199254740993,"f":2.0,"b":true,"s":"x"}', types: 'i:integer,f:real,b:true,s:text' },
      { ts: 1_700_000_000_124_000_000n, fields: '{"f":1.5}', types: 'f:real' },
    ]);
  });

  it('drops points whose field type conflicts within a shard group, with influxd text, and keeps the rest', async () => {
    const a = fx.adapter({ backgroundCheckpoints: false });
    const weekNs = 7n * 86_400_000_000_000n;
    const result = await a.writeLinePoints('tsdata', [
      { measurement: 'cpu', tags: {}, fields: { value: 1 }, timeNs: NS },
      { measurement: 'cpu', tags: {}, fields: { value: { int: 2n } }, timeNs: NS + 1n },
      { measurement: 'cpu', tags: {}, fields: { value: 'x', other: 1 }, timeNs: NS + 2n },
      // Another shard group fixes its own types, as in influxd.
      { measurement: 'cpu', tags: {}, fields: { value: { int: 3n } }, timeNs: NS + weekNs },
    ]);
    expect(result).toEqual({
      dropped: 2,
      firstError: 'field type conflict: input field "value" on measurement "cpu" is type integer, already exists as type float',
    });
    // The millisecond path (the data plane) fails its batch with 400 instead, writing none of it.
    await expectStatus(
      a.writePoints('tsdata', [
        { measurement: 'cpu', tags: {}, fields: { value: 5 }, timestampMs: 1_700_000_000_200 },
        { measurement: 'cpu', tags: {}, fields: { value: 'text' }, timestampMs: 1_700_000_000_201 },
      ]),
      400,
    );
    await a.close();
    expect((await stored()).map((r) => r.fields)).toEqual(['{"value":1.0}', '{"value":3}']);
  });

  it('migrates a millisecond file (schema 0) to nanoseconds with floats, once, keeping every sample', async () => {
    const a = fx.adapter({ backgroundCheckpoints: false });
    await a.writePoints('tsdata', [
      { measurement: 'm', tags: { t: 'a' }, fields: { v: 1, s: 'x', b: false }, timestampMs: 1_700_000_000_001 },
      { measurement: 'm', tags: { t: 'b' }, fields: { v: 0.25 }, timestampMs: 1_700_000_000_002 },
    ]);
    await a.close();
    // Rewrite the file into the version-0 layout, as the first release of the engine left it.
    const file = await fx.onlyDbFile();
    const db = new DatabaseSync(file);
    db.exec(`DROP TABLE field_types; DELETE FROM samples_1;
      ALTER TABLE samples_1 DROP COLUMN value;
      INSERT INTO samples_1 VALUES (1700000000001, 1, '{"v":1,"s":"x","b":false}'), (1700000000002, 2, '{"v":0.25}');
      PRAGMA user_version = 0;`);
    db.close();
    const b = fx.adapter({ backgroundCheckpoints: false });
    // The migrated types are enforced: v is a float now.
    const result = await b.writeLinePoints('tsdata', [{ measurement: 'm', tags: {}, fields: { v: { int: 1n } }, timeNs: 1_700_000_000_003_000_000n }]);
    expect(result.dropped).toBe(1);
    await b.close();
    expect(await stored()).toEqual([
      { ts: 1_700_000_000_001_000_000n, fields: '{"v":1.0,"s":"x","b":false}', types: 'v:real,s:text,b:false' },
      { ts: 1_700_000_000_002_000_000n, fields: '{"v":0.25}', types: 'v:real' },
    ]);
    const check = new DatabaseSync(file, { readOnly: true });
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
    check.close();
  });

  it('migrates schema 1 by adding the REAL column of the float field value, and keeps it on merges', async () => {
    const a = fx.adapter({ backgroundCheckpoints: false });
    await a.writeLinePoints('tsdata', [
      { measurement: 'm', tags: {}, fields: { value: 1.5 }, timeNs: 1n },
      { measurement: 'm', tags: {}, fields: { value: 'text' }, timeNs: 10n ** 18n },
      { measurement: 'm', tags: {}, fields: { other: 2 }, timeNs: 3n },
    ]);
    await a.close();
    const file = await fx.onlyDbFile();
    const db = new DatabaseSync(file);
    db.exec('ALTER TABLE samples_1 DROP COLUMN value; PRAGMA user_version = 1;');
    db.close();
    const b = fx.adapter({ backgroundCheckpoints: false });
    // A later write of other fields at the same time keeps the column; one of value replaces it.
    await b.writeLinePoints('tsdata', [
      { measurement: 'm', tags: {}, fields: { extra: true }, timeNs: 1n },
      { measurement: 'm', tags: {}, fields: { value: 4 }, timeNs: 3n },
    ]);
    await b.close();
    const check = new DatabaseSync(file, { readOnly: true });
    const rows = check.prepare('SELECT value FROM samples_1 ORDER BY ts').all();
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
    check.close();
    expect(rows).toEqual([{ value: 1.5 }, { value: 4 }, { value: null }]);
  });

  it('answers 404 for a missing database and 400 for a malformed point, writing nothing', async () => {
    const a = fx.adapter({ backgroundCheckpoints: false });
    await expectStatus(a.writeLinePoints('nope', []), 404);
    await expectStatus(
      a.writeLinePoints('tsdata', [
        { measurement: 'm', tags: {}, fields: { v: 1 }, timeNs: NS },
        { measurement: 'm', tags: {}, fields: { v: 1 }, timeNs: 5 as never },
      ]),
      400,
    );
    expect((await a.listDatabases()).find((d) => d.name === 'tsdata')?.measurements).toEqual([]);
  });
});
