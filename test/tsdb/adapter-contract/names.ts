// Contract: the same edge-case names (and passwords) get the same status from every adapter, by the rules
// of src/tsdb/names.ts. The table is written out here, not derived from that module, and test/routes/names.test.ts
// sends it through the HTTP routes on each source too. `ok` means a valid name: created with 204, or 404 when
// it names nothing; 400 means no source takes it, for any operation.
import { expect, it } from 'vitest';
import type { Point } from '../../../src/tsdb/adapter.ts';
import { expectStatus, findDatabase, type ContractCapabilities, type ContractContext } from './helpers.ts';

export type Verdict = 'ok' | 400;

export interface EdgeName {
  label: string;
  /** The name, built around a per-suite `unique` part where that keeps the case (lengths are exact). */
  make(unique: string): string;
  database: Verdict;
  user: Verdict;
  measurement: Verdict;
}

/** `unique` padded with `x` to exactly `units` characters. */
const pad = (unique: string, units: number) => unique + 'x'.repeat(units - unique.length);
/** `unique` (ASCII) padded with two-byte `ü` (and one `x` where the count is odd) to exactly `bytes` of UTF-8. */
const padBytes = (unique: string, bytes: number) => {
  const left = bytes - unique.length;
  return unique + 'ü'.repeat(Math.floor(left / 2)) + 'x'.repeat(left % 2);
};

export const EDGE_NAMES: EdgeName[] = [
  { label: '255 characters', make: (u) => pad(u, 255), database: 'ok', user: 'ok', measurement: 'ok' },
  { label: '256 characters', make: (u) => pad(u, 256), database: 400, user: 400, measurement: 'ok' },
  { label: '300 characters', make: (u) => pad(u, 300), database: 400, user: 400, measurement: 'ok' },
  { label: '1024 characters', make: (u) => pad(u, 1024), database: 400, user: 400, measurement: 'ok' },
  { label: '1025 characters', make: (u) => pad(u, 1025), database: 400, user: 400, measurement: 400 },
  // influxd counts bytes: 255 bytes of UTF-8 is the most it takes as a database name, 256 is "name too long".
  { label: '255 bytes, non-ASCII', make: (u) => padBytes(u, 255), database: 'ok', user: 'ok', measurement: 'ok' },
  { label: '256 bytes in 128 characters', make: () => 'ü'.repeat(128), database: 400, user: 400, measurement: 'ok' },
  { label: '1024 bytes, non-ASCII', make: (u) => padBytes(u, 1024), database: 400, user: 400, measurement: 'ok' },
  { label: '1028 bytes in 514 characters', make: () => '😀'.repeat(257), database: 400, user: 400, measurement: 400 },
  { label: '.', make: () => '.', database: 400, user: 400, measurement: 'ok' },
  { label: '..', make: () => '..', database: 400, user: 400, measurement: 'ok' },
  { label: 'a slash', make: (u) => `${u}/x`, database: 400, user: 'ok', measurement: 'ok' },
  { label: 'a backslash', make: (u) => `${u}\\x`, database: 400, user: 'ok', measurement: 'ok' },
  { label: 'a trailing backslash', make: (u) => `${u}\\`, database: 400, user: 'ok', measurement: 400 },
  { label: 'a tab', make: (u) => `${u}\tx`, database: 400, user: 400, measurement: 400 },
  { label: 'a newline', make: (u) => `${u}\nx`, database: 400, user: 400, measurement: 400 },
  { label: 'a carriage return', make: (u) => `${u}\rx`, database: 400, user: 400, measurement: 400 },
  { label: 'NUL', make: (u) => `${u}\u0000x`, database: 400, user: 400, measurement: 400 },
  { label: 'U+0001', make: (u) => `${u}\u0001x`, database: 400, user: 400, measurement: 400 },
  { label: 'DEL', make: (u) => `${u}\u007fx`, database: 400, user: 400, measurement: 400 },
  { label: 'a C1 control (U+0085)', make: (u) => `${u}\u0085x`, database: 400, user: 400, measurement: 400 },
  { label: 'a double quote', make: (u) => `${u}"x`, database: 'ok', user: 'ok', measurement: 'ok' },
  { label: 'a single quote', make: (u) => `${u}'x`, database: 'ok', user: 'ok', measurement: 'ok' },
  { label: 'non-ASCII', make: (u) => `${u}-ünïcødé-日本語-😀`, database: 'ok', user: 'ok', measurement: 'ok' },
  { label: 'a leading #', make: (u) => `#${u}`, database: 'ok', user: 'ok', measurement: 400 },
  { label: 'empty', make: () => '', database: 400, user: 400, measurement: 400 },
];

export interface EdgePassword {
  label: string;
  password: string;
  verdict: Verdict;
}

export const EDGE_PASSWORDS: EdgePassword[] = [
  { label: '1024 characters', password: 'p'.repeat(1024), verdict: 'ok' },
  { label: '1025 characters', password: 'p'.repeat(1025), verdict: 400 },
  { label: '1026 bytes in 513 characters', password: 'ü'.repeat(513), verdict: 400 },
  { label: 'quotes, backslash, newline', password: `p'"; DROP USER "x"; --\n\\`, verdict: 'ok' },
  { label: 'NUL', password: 'p\u0000w', verdict: 400 },
  { label: 'empty', password: '', verdict: 400 },
];

/**
 * Creating what a backend cannot hold though the rules allow it (2.x bucket names may not contain `"`) is a 400
 * there; looking such a name up is a plain 404, as for any database that does not exist.
 */
export function createDatabaseVerdict(edge: EdgeName, name: string, caps: ContractCapabilities): Verdict {
  return !caps.doubleQuoteInDatabaseNames && name.includes('"') ? 400 : edge.database;
}

/** A status for a call that creates (`created`) or looks up a missing entity (`missing`) under a verdict. */
export const statusFor = (verdict: Verdict, outcome: 204 | 404): number => (verdict === 'ok' ? outcome : 400);

const point = (measurement: string): Point => ({ measurement, tags: {}, fields: { v: 1 }, timestampMs: Date.UTC(2024, 0, 1) });

async function status(call: Promise<unknown>): Promise<number> {
  return call.then(
    () => 204,
    (err: unknown) => (err as { statusCode?: number }).statusCode ?? -1,
  );
}

export function nameContract(ctx: ContractContext): void {
  const unique = () => ctx.name('e');

  it('the table says what it tests: lengths in characters and bytes as labelled', () => {
    const sizes = EDGE_NAMES.map((e) => {
      const name = e.make(unique());
      return [e.label, name.length, Buffer.byteLength(name)];
    });
    expect(sizes.filter(([label]) => /characters$|bytes/.test(String(label)))).toEqual([
      ['255 characters', 255, 255],
      ['256 characters', 256, 256],
      ['300 characters', 300, 300],
      ['1024 characters', 1024, 1024],
      ['1025 characters', 1025, 1025],
      ['255 bytes, non-ASCII', expect.any(Number), 255],
      ['256 bytes in 128 characters', 128, 256],
      ['1024 bytes, non-ASCII', expect.any(Number), 1024],
      ['1028 bytes in 514 characters', 514, 1028],
    ]);
  });

  it.each(EDGE_NAMES)('database name, $label: the rules of src/tsdb/names.ts', async (edge) => {
    const name = edge.make(unique());
    const verdict = edge.database;
    const holder = ctx.name('holder');
    await ctx.adapter.createUser(holder, 'pw', []);
    const seen = {
      dropMissing: await status(ctx.adapter.dropDatabase(name)),
      dropMeasurementIn: await status(ctx.adapter.dropMeasurement(name, 'm')),
      writeTo: await status(ctx.adapter.writePoints(name, [point('m')])),
      grantOn: await status(ctx.adapter.grant(holder, name, 'READ')),
      revokeOn: await status(ctx.adapter.revoke(holder, name, 'READ')),
      createUserWith: await status(ctx.adapter.createUser(ctx.name('u'), 'pw', [{ database: name, privileges: 'READ' }])),
      create: await status(ctx.adapter.createDatabase(name)),
    };
    const missing = statusFor(verdict, 404);
    expect(seen).toEqual({
      dropMissing: missing,
      dropMeasurementIn: missing,
      writeTo: missing,
      grantOn: missing,
      revokeOn: missing,
      createUserWith: missing,
      create: statusFor(createDatabaseVerdict(edge, name, ctx.caps), 204),
    });
    if (createDatabaseVerdict(edge, name, ctx.caps) === 'ok') {
      expect(await findDatabase(ctx.adapter, name)).toBeDefined();
      await ctx.adapter.dropDatabase(name);
    }
    expect(await findDatabase(ctx.adapter, name)).toBeUndefined();
  });

  it.each(EDGE_NAMES)('measurement name, $label: the rules of src/tsdb/names.ts', async (edge) => {
    const db = ctx.name('mdb');
    await ctx.adapter.createDatabase(db);
    const name = edge.make(unique());
    const seen = {
      dropMissing: await status(ctx.adapter.dropMeasurement(db, name)),
      write: await status(ctx.adapter.writePoints(db, [point('keep'), point(name)])),
    };
    expect(seen).toEqual({ dropMissing: statusFor(edge.measurement, 404), write: statusFor(edge.measurement, 204) });
    // Stored verbatim: listed under the very name, and dropped by it. A refused batch wrote nothing.
    const expected = edge.measurement === 'ok' ? ['keep', name].sort() : [];
    expect((await findDatabase(ctx.adapter, db))?.measurements).toEqual(expected);
    if (edge.measurement === 'ok') await ctx.adapter.dropMeasurement(db, name);
  });

  it.each(EDGE_NAMES)('user name, $label: the rules of src/tsdb/names.ts', async (edge) => {
    const name = edge.make(unique());
    const db = ctx.name('udb');
    await ctx.adapter.createDatabase(db);
    const seen = {
      setPasswordMissing: await status(ctx.adapter.setPassword(name, 'pw')),
      grantMissing: await status(ctx.adapter.grant(name, db, 'READ')),
      revokeMissing: await status(ctx.adapter.revoke(name, db, 'READ')),
      dropMissing: await status(ctx.adapter.dropUser(name)),
      create: await status(ctx.adapter.createUser(name, 'pw', [{ database: db, privileges: 'READ' }])),
    };
    const missing = statusFor(edge.user, 404);
    expect(seen).toEqual({
      setPasswordMissing: missing,
      grantMissing: missing,
      revokeMissing: missing,
      dropMissing: missing,
      create: statusFor(edge.user, 204),
    });
    const listed = (await ctx.adapter.listUsers()).find((u) => u.name === name);
    if (edge.user === 'ok') {
      expect(listed).toEqual({ name, grants: [{ database: db, privileges: 'READ' }] });
      await ctx.adapter.setPassword(name, 'pw2');
      await ctx.adapter.dropUser(name);
    } else {
      expect(listed).toBeUndefined();
    }
  });

  it.each(EDGE_PASSWORDS)('password, $label: the rules of src/tsdb/names.ts', async ({ password, verdict }) => {
    const name = ctx.name('pwu');
    const expected = statusFor(verdict, 204);
    expect(await status(ctx.adapter.createUser(name, password, []))).toBe(expected);
    const other = ctx.name('pwo');
    await ctx.adapter.createUser(other, 'first', []);
    expect(await status(ctx.adapter.setPassword(other, password))).toBe(expected);
    if (verdict !== 'ok') {
      expect((await ctx.adapter.listUsers()).some((u) => u.name === name)).toBe(false);
      await expectStatus(ctx.adapter.dropUser(name), 404);
    }
  });
}
