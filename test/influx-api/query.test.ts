// /query end to end against influxd 1.6.7: the same points written through both /write endpoints, the same
// queries sent to both /query endpoints as the same user, compared byte for byte (executor corpus: i13-query's
// differential test; these check the HTTP side on real results: grants, epoch, pretty, chunks, errors, tz).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { basicAuth, createInfluxdUser, send, startInfluxApi, type Grant, type InfluxApiUnderTest } from './support.ts';

let influxd: Influxd;
let ours: InfluxApiUnderTest;
const T0 = 1_700_000_000_000_000_000n;
const LINES = Array.from({ length: 12 }, (_, i) => {
  const host = ['a', 'b', 'c'][i % 3];
  return `cpu,host=${host},region=r${i % 2} value=${i * 1.25},count=${i}i,ok=${i % 2 === 0},note="n<${i}>" ${T0 + BigInt(i) * 30_000_000_000n}`;
}).join('\n');
const USERS: [string, string, Grant[]][] = [
  ['rw', 'rw-pw', [{ database: 'qd', privileges: 'ALL' }]],
  ['w', 'w-pw', [{ database: 'qd', privileges: 'WRITE' }, { database: 'other', privileges: 'READ' }]],
];

beforeAll(async () => {
  [influxd, ours] = await Promise.all([startInfluxd(), startInfluxApi()]);
  await influxd.query('CREATE DATABASE qd; CREATE DATABASE other');
  for (const db of ['qd', 'other']) {
    expect((await ours.t.request({ method: 'POST', url: '/stats/db', payload: { dbName: db } })).statusCode).toBe(204);
  }
  for (const [name, pw, grants] of USERS) {
    await createInfluxdUser(influxd, name, pw, grants);
    await ours.createUser(name, pw, grants);
  }
  for (const base of [influxd.url, ours.url]) {
    const res = await send(base, { path: '/write?db=qd', body: LINES, headers: basicAuth('rw', 'rw-pw') });
    expect(res.status).toBe(204);
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([influxd?.dispose(), ours?.close()]);
});

async function same(query: string, user = 'rw', pw = 'rw-pw'): Promise<void> {
  const r = { path: `/query?${query}`, headers: basicAuth(user, pw) };
  const [theirs, mine] = await Promise.all([send(influxd.url, r), send(ours.url, r)]);
  expect(mine).toEqual(theirs);
}
const q = (text: string, extra = '') => `db=qd&q=${encodeURIComponent(text)}${extra}`;

describe('/query results', () => {
  it.each([
    q('SELECT * FROM cpu'),
    q('SELECT value, note FROM cpu WHERE host = \'a\'', '&epoch=ms'),
    q('SELECT value FROM cpu GROUP BY host', '&chunked=true&chunk_size=2'),
    q('SELECT mean(value), max(count) FROM cpu WHERE time >= 1700000000000000000 AND time < 1700000360000000000 GROUP BY time(1m) fill(null)'),
    q('SELECT mean(value) FROM cpu WHERE time >= 1700000000000000000 AND time < 1700000360000000000 GROUP BY time(2m), host fill(none)', '&epoch=s'),
    q('SELECT count(value) FROM cpu WHERE time >= 1700000000000000000 AND time < 1700000360000000000 GROUP BY time(5m) tz(\'America/Chicago\')'),
    q('SHOW MEASUREMENTS; SHOW TAG KEYS; SHOW TAG VALUES WITH KEY = host; SHOW FIELD KEYS; SHOW SERIES'),
    q('SHOW FIELD KEYS; SHOW SERIES', '&chunked=true&chunk_size=2'),
    q('SHOW RETENTION POLICIES'),
    q('SELECT * FROM cpu LIMIT 2', '&pretty=true'),
    q('SHOW MEASUREMENTS; SELECT nope(value) FROM cpu; SHOW MEASUREMENTS; SHOW MEASUREMENTS'),
    q('SHOW MEASUREMENTS; SELECT nope(value) FROM cpu; SHOW MEASUREMENTS; SHOW MEASUREMENTS', '&chunked=true'),
    q('SELECT nope(value) FROM cpu; SHOW MEASUREMENTS'),
    q('SELECT value FROM nothing; SELECT value FROM cpu WHERE host = \'zz\''),
    q('SELECT value FROM cpu WHERE host = $h AND count > $n', `&params=${encodeURIComponent('{"h":"b","n":3}')}`),
  ])('%s', async (query) => same(query));

  it('SHOW DATABASES lists what the user may read or write', async () => {
    await same('q=SHOW+DATABASES', 'w', 'w-pw');
    await same('q=SHOW+DATABASES');
  });
});
