// Property tests on the embedded engine: any string as a database, user or measurement name is either
// refused with a 4xx AppError or stored verbatim, and never touches another database or user.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/errors.ts';
import { EmbeddedAdapter } from '../../../../src/tsdb/adapters/embedded/index.ts';

const names = fc.oneof(
  fc.constantFrom('', '.', '..', 'a/b', 'a\\b', 'tsdata', 'x"; DROP DATABASE "tsdata"; --', '\u0000', ' ', 'x'.repeat(300)),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** Runs `fn`; true when it succeeded, false for a 4xx AppError; anything else fails the property. */
async function accepted(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).statusCode).toBeGreaterThanOrEqual(400);
    expect((err as AppError).statusCode).toBeLessThan(500);
    return false;
  }
}

describe('embedded engine under arbitrary names', () => {
  let dataDir = '';
  let adapter: EmbeddedAdapter;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-prop-'));
    adapter = new EmbeddedAdapter({ dataDir, backgroundCheckpoints: false });
    await adapter.writePoints('tsdata', [{ measurement: 'keep', tags: {}, fields: { v: 1 }, timestampMs: 1 }]);
    await adapter.createUser('keeper', 'pw', [{ database: 'tsdata', privileges: 'ALL' }]);
  });
  afterAll(async () => {
    await adapter.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const untouched = async () => {
    const tsdata = (await adapter.listDatabases()).find((d) => d.name === 'tsdata');
    expect(tsdata?.measurements).toEqual(['keep']);
    expect((await adapter.listUsers()).find((u) => u.name === 'keeper')?.grants).toEqual([
      { database: 'tsdata', privileges: 'ALL' },
    ]);
  };

  it('database names: refused with 4xx, or created, listed verbatim and dropped', async () => {
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const before = (await adapter.listDatabases()).map((d) => d.name);
        if (await accepted(() => adapter.createDatabase(name))) {
          const after = (await adapter.listDatabases()).map((d) => d.name);
          expect(after.filter((n) => !before.includes(n))).toEqual([name]);
          await adapter.dropDatabase(name);
        }
        expect((await adapter.listDatabases()).map((d) => d.name)).toEqual(before);
        await untouched();
      }),
      { numRuns: 150 },
    );
  });

  it('user and measurement names: refused with 4xx or stored verbatim, nothing else changes', async () => {
    await fc.assert(
      fc.asyncProperty(names, names, async (user, measurement) => {
        if (await accepted(() => adapter.createUser(user, 'pw', [{ database: 'tsdata', privileges: 'READ' }]))) {
          expect((await adapter.listUsers()).find((u) => u.name === user)?.grants).toEqual([
            { database: 'tsdata', privileges: 'READ' },
          ]);
          await adapter.dropUser(user);
        }
        const point = { measurement, tags: { [measurement || 't']: measurement }, fields: { v: 1 }, timestampMs: 2 };
        if (measurement !== 'keep' && (await accepted(() => adapter.writePoints('tsdata', [point])))) {
          expect((await adapter.listDatabases()).find((d) => d.name === 'tsdata')?.measurements).toContain(measurement);
          await adapter.dropMeasurement('tsdata', measurement);
        }
        await untouched();
      }),
      { numRuns: 40 },
    );
  });
});
