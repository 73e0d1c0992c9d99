// Contract: connection test, databases, measurements and writes.
import { expect, it } from 'vitest';
import type { Point } from '../../../src/tsdb/adapter.ts';
import { awkwardNames, databaseNames, expectStatus, findDatabase, type ContractContext } from './helpers.ts';

const point = (measurement: string, value: number, tags: Record<string, string> = {}): Point => ({
  measurement,
  tags,
  fields: { value },
  timestampMs: Date.UTC(2024, 0, 1) + value,
});

export function databaseContract(ctx: ContractContext): void {
  it('testConnection answers is_connected true with a banner', async () => {
    const result = await ctx.adapter.testConnection();
    expect(result.is_connected, result.response).toBe(true);
    expect(typeof result.response).toBe('string');
    expect(result.response.length).toBeGreaterThan(0);
  });

  it('createDatabase makes it listed with a byte size and no measurements; a duplicate is 409', async () => {
    const name = ctx.name('db');
    await ctx.adapter.createDatabase(name);
    const db = await findDatabase(ctx.adapter, name);
    expect(db).toBeDefined();
    expect(Number.isInteger(db!.size) && db!.size >= 0).toBe(true);
    expect(db!.measurements).toEqual([]);
    await expectStatus(ctx.adapter.createDatabase(name), 409);
  });

  it('listDatabases is sorted by name', async () => {
    const [b, a] = [ctx.name('sort-b'), ctx.name('sort-a')];
    await ctx.adapter.createDatabase(b);
    await ctx.adapter.createDatabase(a);
    const names = (await databaseNames(ctx.adapter)).filter((n) => n === a || n === b);
    expect(names).toEqual([a, b].sort());
  });

  it.each(['', '.', '..', 'a/b', 'a\\b', 'new\nline', 'nul\u0000byte', 'x'.repeat(10_000)])(
    'createDatabase refuses the name %j with 400',
    async (bad) => {
      const before = await databaseNames(ctx.adapter);
      await expectStatus(ctx.adapter.createDatabase(bad), 400);
      expect(await databaseNames(ctx.adapter)).toEqual(before);
    },
  );

  it('awkward and hostile database names round-trip and touch nothing else', async () => {
    for (const hint of awkwardNames(ctx.caps)) {
      const name = ctx.name(hint);
      const before = await databaseNames(ctx.adapter);
      await ctx.adapter.createDatabase(name);
      expect((await databaseNames(ctx.adapter)).filter((n) => !before.includes(n))).toEqual([name]);
      await ctx.adapter.writePoints(name, [point('m', 1)]);
      expect((await findDatabase(ctx.adapter, name))?.measurements).toEqual(['m']);
      await ctx.adapter.dropDatabase(name);
      expect(await databaseNames(ctx.adapter)).toEqual(before);
    }
  });

  it('a hostile name is stored verbatim, even when it mentions tsdata', async () => {
    const hostile = ctx.caps.doubleQuoteInDatabaseNames
      ? 'x"; DROP DATABASE "tsdata"; --'
      : "x'; DROP DATABASE 'tsdata'; --";
    const bystander = ctx.name('bystander');
    await ctx.adapter.createDatabase(bystander);
    await ctx.adapter.createDatabase(hostile);
    await ctx.adapter.dropDatabase(hostile);
    await expectStatus(ctx.adapter.dropDatabase(hostile), 404);
    expect(await findDatabase(ctx.adapter, bystander)).toBeDefined();
  });

  it('dropDatabase removes it; a missing one is 404', async () => {
    const name = ctx.name('drop');
    await ctx.adapter.createDatabase(name);
    await ctx.adapter.dropDatabase(name);
    expect(await findDatabase(ctx.adapter, name)).toBeUndefined();
    await expectStatus(ctx.adapter.dropDatabase(name), 404);
    await expectStatus(ctx.adapter.dropDatabase(ctx.name('never')), 404);
  });

  it('writePoints makes measurements appear, sorted, awkward names and tags included', async () => {
    const name = ctx.name('write');
    await ctx.adapter.createDatabase(name);
    const measurements = [
      'P1_L1_Machine1_1_OPC.7C24EDB3-D95C-4097-ADFE-EA7228175ACD',
      'Anomaly',
      'with space',
      'comma,and=equals',
      'quote"dq\'sq',
      'ünïcødé',
    ];
    const tags = { 'tag key': 'va,l=ue', device: 'd"1' };
    await ctx.adapter.writePoints(
      name,
      measurements.flatMap((m, i) => [point(m, i, tags), point(m, i + 100)]),
    );
    expect((await findDatabase(ctx.adapter, name))?.measurements).toEqual([...measurements].sort());
  });

  it('writePoints to a missing database is 404 and creates nothing', async () => {
    const name = ctx.name('missing');
    await expectStatus(ctx.adapter.writePoints(name, [point('m', 1)]), 404);
    expect(await findDatabase(ctx.adapter, name)).toBeUndefined();
  });

  it('writePoints refuses a batch with an unnamed measurement with 400 and writes none of it', async () => {
    const name = ctx.name('badpoint');
    await ctx.adapter.createDatabase(name);
    const good = point('good', 1);
    await expectStatus(ctx.adapter.writePoints(name, [good, { ...good, measurement: '' }]), 400);
    expect((await findDatabase(ctx.adapter, name))?.measurements).toEqual([]);
  });

  it('writePoints leaves out non-finite numbers and skips a point left without fields', async () => {
    const name = ctx.name('nan');
    await ctx.adapter.createDatabase(name);
    await ctx.adapter.writePoints(name, [
      { ...point('kept', 1), fields: { value: 1, broken: Number.NaN } },
      { ...point('nothing left', 2), fields: { value: Number.POSITIVE_INFINITY } },
      { ...point('no fields', 3), fields: {} },
    ]);
    expect((await findDatabase(ctx.adapter, name))?.measurements).toEqual(['kept']);
  });

  it('dropMeasurement removes only that measurement; missing measurement or database is 404', async () => {
    const name = ctx.name('dropm');
    await ctx.adapter.createDatabase(name);
    await ctx.adapter.writePoints(name, [point('keep.me', 1), point('drop me', 2, { a: 'b' })]);
    await ctx.adapter.dropMeasurement(name, 'drop me');
    expect((await findDatabase(ctx.adapter, name))?.measurements).toEqual(['keep.me']);
    await expectStatus(ctx.adapter.dropMeasurement(name, 'drop me'), 404);
    await expectStatus(ctx.adapter.dropMeasurement(ctx.name('nodb'), 'keep.me'), 404);
  });

  it('dropMeasurement does not reach into another database', async () => {
    const [a, b] = [ctx.name('iso-a'), ctx.name('iso-b')];
    await ctx.adapter.createDatabase(a);
    await ctx.adapter.createDatabase(b);
    await ctx.adapter.writePoints(a, [point('shared', 1)]);
    await ctx.adapter.writePoints(b, [point('shared', 1)]);
    await ctx.adapter.dropMeasurement(a, 'shared');
    expect((await findDatabase(ctx.adapter, b))?.measurements).toEqual(['shared']);
  });
}
