// The InfluxDB 1.x adapter checked from InfluxDB's own side: after each operation the test asks influxd
// directly (SHOW DATABASES/MEASUREMENTS/USERS/GRANTS, SELECT), logs in as the users it created, and
// tries hostile names and passwords that would run a second statement if quoting were wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TsdbAdapter } from '../../../../src/tsdb/adapter.ts';
import { expectStatus } from '../../adapter-contract/helpers.ts';
import { startInfluxd, type Influxd } from '../../../../support/influxd.ts';
import { writeChunkEnds } from '../../../../src/tsdb/adapters/influx-v1/write/index.ts';
import { makeAdapter } from './support.ts';

let influxd: Influxd;
let adapter: TsdbAdapter;

beforeAll(async () => {
  // Monitor store on, so `_internal` exists and the test can prove it stays hidden.
  influxd = await startInfluxd({ monitorStore: true });
  adapter = makeAdapter(influxd.url, influxd.admin).adapter;
  // The monitor creates `_internal` on its first store, a second or so after start.
  while (!(await influxd.column('SHOW DATABASES')).includes('_internal')) await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await adapter?.close();
  await influxd?.dispose();
});

const grantsOf = async (user: string): Promise<Record<string, unknown>> =>
  Object.fromEntries(
    ((await influxd.query(`SHOW GRANTS FOR "${user}"`))[0]?.series?.[0]?.values ?? []).map((r): [string, unknown] => [r[0] as string, r[1]]),
  );

describe('influx_v1.x adapter, seen from influxd', () => {
  it('reports the version banner from X-Influxdb-Version', async () => {
    const r = await adapter.testConnection();
    expect(r).toEqual({ is_connected: true, response: expect.stringMatching(/^InfluxDB v1\.\d+\.\d+/) });
  });

  it('databases: create, list (without _internal), drop, each visible in SHOW DATABASES', async () => {
    await adapter.createDatabase('plant.one');
    expect(await influxd.column('SHOW DATABASES')).toContain('plant.one');
    expect(await influxd.column('SHOW DATABASES')).toContain('_internal');
    const listed = await adapter.listDatabases();
    expect(listed.map((d) => d.name)).toContain('plant.one');
    expect(listed.map((d) => d.name)).not.toContain('_internal');
    await expectStatus(adapter.dropDatabase('_internal'), 404);
    await adapter.dropDatabase('plant.one');
    expect(await influxd.column('SHOW DATABASES')).not.toContain('plant.one');
  });

  it('size is the sum of the shards diskBytes of SHOW STATS, 0 before the first write', async () => {
    await adapter.createDatabase('sized');
    expect((await adapter.listDatabases()).find((d) => d.name === 'sized')?.size).toBe(0);
    await adapter.writePoints('sized', [
      { measurement: 'm', tags: {}, fields: { v: 1.5 }, timestampMs: Date.UTC(2024, 0, 1) },
      { measurement: 'm', tags: {}, fields: { v: 2.5 }, timestampMs: Date.UTC(2025, 0, 1) }, // second shard
    ]);
    const stats = (await influxd.query(`SHOW STATS FOR 'shard'`))[0]?.series ?? [];
    const expected = stats
      .filter((s) => s.tags?.database === 'sized')
      .reduce((sum, s) => sum + Number(s.values?.[0]?.[s.columns.indexOf('diskBytes')]), 0);
    expect(stats.filter((s) => s.tags?.database === 'sized')).toHaveLength(2);
    expect(expected).toBeGreaterThan(0);
    expect((await adapter.listDatabases()).find((d) => d.name === 'sized')?.size).toBe(expected);
  });

  it('writePoints: escaped names, tags and string fields come back from SELECT verbatim', async () => {
    await adapter.createDatabase('lp');
    const t = Date.UTC(2024, 5, 1, 12, 0, 0, 123);
    await adapter.writePoints('lp', [
      {
        measurement: 'm, with=odd "chars" ü',
        tags: { 'tag key,=': 'v a,l=ue"', empty: '' },
        fields: { 'f i,e=ld': 'say "hi" \\ back\nslash', n: 42, b: true, neg: -0.25 },
        timestampMs: t,
      },
    ]);
    expect(await influxd.column('SHOW MEASUREMENTS', { db: 'lp' })).toEqual(['m, with=odd "chars" ü']);
    const [r] = await influxd.query(`SELECT * FROM "m, with=odd \\"chars\\" ü"`, { db: 'lp' });
    const s = r?.series?.[0];
    const row = Object.fromEntries((s?.columns ?? []).map((c, i) => [c, s?.values?.[0]?.[i]]));
    expect(row).toEqual({
      time: '2024-06-01T12:00:00.123Z',
      'tag key,=': 'v a,l=ue"',
      'f i,e=ld': 'say "hi" \\ back\nslash',
      n: 42,
      b: true,
      neg: -0.25,
    });
    // Numbers are floats: 42 and then 42.5 in the same field is no type conflict.
    await adapter.writePoints('lp', [{ measurement: 'num', tags: {}, fields: { v: 42 }, timestampMs: t }]);
    await adapter.writePoints('lp', [{ measurement: 'num', tags: {}, fields: { v: 42.5 }, timestampMs: t + 1 }]);
  });

  it('writePoints splits large batches into several /write calls and loses nothing', async () => {
    await adapter.createDatabase('bulk');
    const points = Array.from({ length: 12_345 }, (_, i) => ({
      measurement: 'bulk',
      tags: { dev: `d${i % 7}` },
      fields: { v: i },
      timestampMs: Date.UTC(2024, 0, 1) + i,
    }));
    await adapter.writePoints('bulk', points);
    const [r] = await influxd.query('SELECT count(v) FROM bulk', { db: 'bulk' });
    expect(r?.series?.[0]?.values?.[0]?.[1]).toBe(12_345);
  });

  it('a failing /write chunk fails the call with InfluxDB\'s 400; chunks before it stay, a retry adds no duplicates', async () => {
    await adapter.createDatabase('chunks');
    await influxd.write('chunks', 'typed v="text" 0');
    const t0 = Date.UTC(2024, 0, 1);
    const points = Array.from({ length: 12_000 }, (_, i) => ({
      measurement: 'ok',
      tags: {},
      fields: { v: i },
      timestampMs: t0 + i,
    }));
    // One point of the second chunk is a float where influxd already holds a string: a field type conflict.
    const bad = { measurement: 'typed', tags: {}, fields: { v: 1 }, timestampMs: 0 };
    const first = writeChunkEnds(points.length + 1)[0] ?? 0;
    expect(first).toBeLessThan(points.length / 2);
    const batch = [...points.slice(0, first + 10), bad, ...points.slice(first + 10)];
    const err = await expectStatus(adapter.writePoints('chunks', batch), 400);
    expect(err.message).toContain('field type conflict');
    const count = async () =>
      (await influxd.query('SELECT count(v) FROM ok', { db: 'chunks' }))[0]?.series?.[0]?.values?.[0]?.[1];
    const landed = Number(await count());
    expect(landed).toBeGreaterThanOrEqual(first);
    // The data plane retries the whole call once the cause is gone: same series, same timestamps, overwritten.
    await influxd.query('DROP MEASUREMENT "typed"', { db: 'chunks' });
    await adapter.writePoints('chunks', batch);
    expect(await count()).toBe(points.length);
  });

  it('a name line protocol cannot carry fails the call with 400 when its chunk is built; earlier chunks went out, its own did not', async () => {
    await adapter.createDatabase('badname');
    const points = Array.from({ length: 5000 }, (_, i) => ({ measurement: 'ok', tags: {}, fields: { v: i }, timestampMs: i }));
    const ends = writeChunkEnds(points.length);
    const lastStart = ends[ends.length - 2] ?? 0;
    expect(lastStart).toBeGreaterThan(0);
    points[lastStart + 5] = { measurement: 'ok', tags: { 'trailing\\': 'x' }, fields: { v: -1 }, timestampMs: -1 };
    const err = await expectStatus(adapter.writePoints('badname', points), 400);
    expect(err.message).toContain('trailing');
    const [r] = await influxd.query('SELECT count(v) FROM ok', { db: 'badname' });
    expect(Number(r?.series?.[0]?.values?.[0]?.[1])).toBe(lastStart);
  });

  it('users: created user logs in with its password, then only with the new one; grants as InfluxDB stores them', async () => {
    await adapter.createDatabase('ua');
    await adapter.createDatabase('ub');
    const pw = `p'"; DROP USER "admin"; --\\ ü`;
    await adapter.createUser('op', pw, [
      { database: 'ua', privileges: 'READ' },
      { database: 'ub', privileges: 'WRITE' },
      { database: 'ub', privileges: 'READ' },
    ]);
    expect(await grantsOf('op')).toEqual({ ua: 'READ', ub: 'ALL PRIVILEGES' });
    // A non-admin sees exactly the databases it holds a privilege on.
    const [dbs] = await influxd.query('SHOW DATABASES', { as: { username: 'op', password: pw } });
    expect(dbs?.series?.[0]?.values?.map((r) => r[0]).sort()).toEqual(['ua', 'ub']);

    await adapter.grant('op', 'ua', 'WRITE');
    expect(await grantsOf('op')).toEqual({ ua: 'ALL PRIVILEGES', ub: 'ALL PRIVILEGES' });
    await adapter.revoke('op', 'ub', 'WRITE');
    expect(await grantsOf('op')).toEqual({ ua: 'ALL PRIVILEGES', ub: 'READ' });
    await adapter.grant('op', 'ua', 'NO PRIVILEGES');
    expect(await grantsOf('op')).toEqual({ ua: 'NO PRIVILEGES', ub: 'READ' });

    const next = 'n3w\'pw"\\';
    await adapter.setPassword('op', next);
    await expect(influxd.query('SHOW MEASUREMENTS', { db: 'ub', as: { username: 'op', password: pw } })).rejects.toThrow(
      /401/,
    );
    await influxd.query('SHOW MEASUREMENTS', { db: 'ub', as: { username: 'op', password: next } });

    await adapter.dropUser('op');
    expect(await influxd.column('SHOW USERS')).not.toContain('op');
  });

  it('hostile names never run a second statement or yield an admin', async () => {
    await adapter.createDatabase('tsdata');
    const hostile = [
      'x"; DROP DATABASE "tsdata"; --',
      "x'; DROP DATABASE tsdata; --",
      'y" WITH ALL PRIVILEGES; --',
      'z\\"; GRANT ALL PRIVILEGES TO "z',
    ];
    for (const name of hostile) {
      await adapter.createUser(name, `pw" WITH ALL PRIVILEGES; --`, [{ database: 'tsdata', privileges: 'ALL' }]);
      await adapter.grant(name, 'tsdata', 'WRITE');
      // InfluxDB refuses a backslash in database names (meta.ValidName), so that one only names a user.
      const db = name.includes('\\') ? 'hostile-db' : name;
      if (!(await influxd.column('SHOW DATABASES')).includes(db)) await adapter.createDatabase(db);
      const points = [{ measurement: name, tags: { [name]: name }, fields: { v: 1 }, timestampMs: 0 }];
      if (name.includes('\\')) {
        // Line protocol 1.x cannot carry `\"`: refused, never stored under a mangled name.
        await expectStatus(adapter.writePoints(db, points), 400);
        continue;
      }
      await adapter.writePoints(db, points);
      expect(await influxd.column('SHOW MEASUREMENTS', { db })).toContain(name);
      await adapter.dropMeasurement(db, name);
      expect(await influxd.column('SHOW MEASUREMENTS', { db })).not.toContain(name);
    }
    expect(await influxd.column('SHOW DATABASES')).toContain('tsdata');
    const [users] = await influxd.query('SHOW USERS');
    const admins = (users?.series?.[0]?.values ?? []).filter((r) => r[1] === true).map((r) => r[0]);
    expect(admins).toEqual(['admin']);
    expect((await adapter.listUsers()).map((u) => u.name).sort()).toEqual([...hostile].sort());
    for (const name of hostile) await adapter.dropUser(name);
  });

  it("hides and protects its own account; other admins are listed with no grants", async () => {
    await influxd.query(`CREATE USER "other-admin" WITH PASSWORD 'x' WITH ALL PRIVILEGES`);
    const users = await adapter.listUsers();
    expect(users.map((u) => u.name)).not.toContain('admin');
    expect(users.find((u) => u.name === 'other-admin')).toEqual({ name: 'other-admin', grants: [] });
    await expectStatus(adapter.dropUser('admin'), 404);
    await expectStatus(adapter.setPassword('admin', 'x'), 404);
    expect(await influxd.column('SHOW USERS')).toContain('admin');
  });
});
