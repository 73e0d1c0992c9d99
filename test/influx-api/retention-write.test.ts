// /write into a database with a 1h retention, on influxd 1.6.7 (`WITH DURATION 1h`) and on our Influx API
// (EMBEDDED_RETENTION=1h): points older than the retention are dropped with influxd's partial-write answer,
// and a shard-level reason (a field type conflict) takes precedence over it, as in influxd's PointsWriter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { basicAuth, createInfluxdUser, send, startInfluxApi, type InfluxApiUnderTest, type Request } from './support.ts';

let influxd: Influxd;
let ours: InfluxApiUnderTest;
beforeAll(async () => {
  [influxd, ours] = await Promise.all([startInfluxd(), startInfluxApi({ embeddedRetentionNs: 3_600_000_000_000n })]);
  await influxd.query('CREATE DATABASE r1 WITH DURATION 1h');
  expect((await ours.t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'r1' } })).statusCode).toBe(204);
  await createInfluxdUser(influxd, 'writer', 'w-pw', [{ database: 'r1', privileges: 'WRITE' }]);
  await ours.createUser('writer', 'w-pw', [{ database: 'r1', privileges: 'WRITE' }]);
}, 60_000);
afterAll(async () => {
  await Promise.all([influxd?.dispose(), ours?.close()]);
});

async function same(r: Request): Promise<void> {
  const [theirs, mine] = await Promise.all([send(influxd.url, r), send(ours.url, r)]);
  expect(mine).toEqual(theirs);
}

describe('/write beyond the retention', () => {
  it.each([
    'r1m v=1 1000000000\nr1m v=2\nr1m v=3 1000\n',
    'r2m v=1 1000000000\nr2m v=2\nr2m v="s"\n',
    'r3m v=1\n',
    'r4m v=1 1000000000\nbad line\n',
  ])('%j', async (body) => same({ path: '/write?db=r1', body, headers: basicAuth('writer', 'w-pw') }));

  it('the engine reports the 1h retention that SHOW RETENTION POLICIES shows as autogen', () => {
    expect(ours.t.app.sources.embedded()!.retentionNs('r1')).toBe(3_600_000_000_000n);
  });
});
