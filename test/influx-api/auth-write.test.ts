// The same requests to a real influxd 1.6.7 (auth-enabled) and to our Influx API, with the same users and
// grants (ours made through /stats/users): statuses, bodies and the X-Influxdb-Error / WWW-Authenticate
// headers must be identical, for credentials, grants, management statements, parse errors and /write.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { basicAuth, createInfluxdUser, send, startInfluxApi, type Grant, type InfluxApiUnderTest, type Request } from './support.ts';

let influxd: Influxd;
let ours: InfluxApiUnderTest;

const USERS: [string, string, Grant[]][] = [
  ['reader', 'r-pw', [{ database: 'tsdata', privileges: 'READ' }]],
  ['writer', 'w-pw', [{ database: 'tsdata', privileges: 'WRITE' }]],
  ['rw', 'rw-pw', [{ database: 'tsdata', privileges: 'ALL' }]],
  ['nobody', 'n-pw', []],
];

beforeAll(async () => {
  [influxd, ours] = await Promise.all([startInfluxd(), startInfluxApi()]);
  await influxd.query('CREATE DATABASE tsdata; CREATE DATABASE other');
  const created = await ours.t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'other' } });
  expect(created.statusCode).toBe(204);
  for (const [name, pw, grants] of USERS) {
    await createInfluxdUser(influxd, name, pw, grants);
    await ours.createUser(name, pw, grants);
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([influxd?.dispose(), ours?.close()]);
});

async function same(r: Request): Promise<void> {
  const [theirs, mine] = await Promise.all([send(influxd.url, r), send(ours.url, r)]);
  expect(mine, `${r.method ?? ''} ${r.path}`).toEqual(theirs);
}

const as = (u: string) => basicAuth(u, USERS.find(([n]) => n === u)![1]);
const form = (q: string, extra: Record<string, string> = {}) => new URLSearchParams({ q, ...extra });

describe('credentials', () => {
  it.each<[string, Request]>([
    ['none', { path: '/query?q=SHOW+DATABASES' }],
    ['wrong password', { path: '/query?q=SHOW+DATABASES', headers: basicAuth('reader', 'nope') }],
    ['unknown user', { path: '/query?q=SHOW+DATABASES', headers: basicAuth('ghost', 'x') }],
    ['empty user', { path: '/query?q=SHOW+DATABASES', headers: basicAuth('', '') }],
    ['u/p wrong', { path: '/query?q=SHOW+DATABASES&u=reader&p=bad' }],
    ['u without p', { path: '/query?q=SHOW+DATABASES&u=reader' }],
    ['u/p in the form body only', { path: '/query', body: form('SHOW DATABASES', { u: 'reader', p: 'r-pw' }) }],
    ['u/p win over a wrong Basic', { path: '/query?q=SHOW+MEASUREMENTS&u=nobody&p=n-pw&db=tsdata', headers: basicAuth('reader', 'nope') }],
    ['Bearer', { path: '/query?q=SHOW+DATABASES', headers: { authorization: 'Bearer abc' } }],
    ['Basic not base64', { path: '/query?q=SHOW+DATABASES', headers: { authorization: 'Basic !!!' } }],
    ['Basic without colon', { path: '/query?q=SHOW+DATABASES', headers: { authorization: 'Basic ' + Buffer.from('reader').toString('base64') } }],
    ['write without credentials', { path: '/write?db=tsdata', body: 'm v=1' }],
    ['write with a wrong password', { path: '/write?db=tsdata', body: 'm v=1', headers: basicAuth('writer', 'bad') }],
  ])('%s', async (_name, r) => same(r));

  it('ping needs none and answers 204 with the version headers', async () => {
    for (const base of [influxd.url, ours.url]) {
      const res = await fetch(`${base}/ping`, { headers: basicAuth('ghost', 'x') });
      expect(res.status).toBe(204);
      expect(res.headers.get('x-influxdb-version')).toMatch(/^1\.\d+\.\d+/);
      expect(res.headers.get('x-influxdb-build')).toBe('OSS');
      expect(res.headers.get('request-id')).toBeTruthy();
    }
  });
});

describe('/query refusals and errors', () => {
  const q = (user: string, text: string, db = 'tsdata'): Request => ({ path: `/query${db ? `?db=${db}` : ''}`, body: form(text), headers: as(user) });
  it.each([
    'CREATE DATABASE x',
    'DROP DATABASE tsdata',
    "CREATE USER a WITH PASSWORD 'secret'",
    'DROP USER reader',
    "SET PASSWORD FOR rw = 'x'",
    'GRANT ALL ON tsdata TO reader',
    'REVOKE READ ON tsdata FROM reader',
    'GRANT ALL PRIVILEGES TO reader',
    'SHOW USERS',
    'SHOW GRANTS FOR rw',
    'DROP MEASUREMENT m',
    'KILL QUERY 1',
    'SHOW STATS',
    'SHOW DIAGNOSTICS',
    'SHOW SHARDS',
    'SHOW SUBSCRIPTIONS',
    'CREATE RETENTION POLICY r ON tsdata DURATION 1d REPLICATION 1',
    'DROP SHARD 1',
  ])('management as a user with ALL on tsdata: %s', async (text) => same(q('rw', text)));

  it.each<[string, string, string]>([
    ['nobody', 'SELECT * FROM m', 'tsdata'],
    ['nobody', 'SELECT * FROM m; SHOW MEASUREMENTS', 'tsdata'],
    ['reader', 'SELECT * FROM m', 'other'],
    ['reader', 'SELECT * FROM other..m', ''],
    ['reader', 'SHOW MEASUREMENTS', ''],
    ['reader', 'SELECT value FROM cpu', ''],
    ['writer', 'SELECT * FROM m', 'tsdata'],
    ['writer', 'SHOW TAG KEYS', 'tsdata'],
    ['reader', 'SHOW MEASUREMENTS; CREATE DATABASE x', 'tsdata'],
    ['reader', 'SELECT * INTO other..x FROM m', 'tsdata'],
    ['reader', 'SHOW RETENTION POLICIES ON other', 'tsdata'],
    ['reader', 'DELETE FROM m', 'tsdata'],
  ])('%s without the grant: %s (db=%s)', async (user, text, db) => same(q(user, text, db)));

  // The parser's own texts are i13-query's differential corpus; these check that /query passes them on.
  it.each(['SELEC * FROM m', 'SELECT * FROM m LIMIT x', 'SHOW MEASUREMENTS LIMIT 5 x'])('parse error: %s', async (text) =>
    same(q('reader', text)),
  );

  it('missing q, bad params, missing parameter', async () => {
    await same({ path: '/query', headers: as('reader') });
    await same({ path: '/query?q=', headers: as('reader') });
    await same({ path: '/query', body: form(''), headers: as('reader') });
    await same({ path: '/query?db=tsdata', body: form('SELECT value FROM cpu WHERE host=$h'), headers: as('reader') });
    await same({ path: '/query?db=tsdata', body: form('SELECT value FROM cpu WHERE host=$h', { params: '{bad' }), headers: as('reader') });
  });
});

describe('/write', () => {
  const w = (user: string, path: string, body: string | Buffer, headers: Record<string, string> = {}): Request => ({
    path,
    body,
    headers: { ...as(user), ...headers },
  });
  it.each<[string, string]>([
    ['reader', '/write?db=tsdata'],
    ['nobody', '/write?db=tsdata'],
    ['writer', '/write?db=other'],
    ['writer', '/write?db=nope'],
    ['writer', '/write'],
    ['writer', '/write?db=tsdata&consistency=bogus'],
  ])('%s to %s', async (user, path) => same(w(user, path, 'refused v=1 1')));

  // Each body writes measurements of its own, so field types never depend on the order of the cases.
  it.each([
    'a1,t=x v=1 1000000000',
    'a2 v=1,s="str",b=true,i=-3i 1000000000\na2 v=2 2000000000\n',
    'a3 v=1 1\nbad line\na3 v=2 2\nalso bad\n',
    'a4 v=1 1\na4 v="x" 2\na4 v=true 3\n',
    'a5 v=1i 1\na5 v=1.5 2\n',
    'a6 time=1 5',
    'a7,time=a v=1 5',
    'a8 time=1,v=2 5',
    'a9 v=1 99999999999999999999',
    'a10 v=1 abc',
    'a11 v=1i,w=9223372036854775808i 5',
    'a12 v=1e400 5',
    'a13 v= 5',
    'a14,a=1,a=2 v=t 5',
    'a15 v="unterminated 5',
    ',t=a v=1',
    'a16,t= v=1',
    'a17 v=-9223372036854775808i 5',
    'a18 v=1 -9223372036854775807',
    'a19 v=1 9223372036854775807',
    'a20 v=1 9223372036854775806',
    'a21',
    'a22 ',
    'a23,t',
    'a24,t=1',
    'a25 v',
    'a26 v=1,',
    'a27 v=1,=2',
    'a28 =1',
    'a29 v=tru',
    'a30 v=1.2.3',
    'a31 v=1i2',
    'a32 v=NaN',
    'a33 v=-',
    'a34 v=1u',
    'a35 v=1 1 1',
    'a36 v=1 --1',
    'a37 v=1 -',
    'a38\\ x,t\\ k=v\\,w v\\=k="q\\"uote\\\\" 7',
    '# only a comment\n\n   \n',
    '',
    'a39 v=1 1\r\n',
    'a40 v="multi\nline" 1\na40 v="x",w=2 2',
    'a41,t=a\\ b v=1 1',
    'a42 v=1.,w=.5,x=-.5,y=1e5,z=1E-5 1',
    'a43 v=T,w=False,x=FALSE,y=tRUE 1',
  ])('body %j', async (body) => same(w('writer', '/write?db=tsdata', body)));

  it.each(['n', 'ns', 'u', 'ms', 's', 'm', 'h', 'x'])('precision=%s', async (p) => {
    await same(w('writer', `/write?db=tsdata&precision=${p}`, `p_${p} v=1 1700000000`));
    await same(w('writer', `/write?db=tsdata&precision=${p}`, `p_${p} v=1 9223372036854775`));
  });

  it('gzip bodies', async () => {
    await same(w('writer', '/write?db=tsdata', gzipSync('gz v=1 1\ngz v=2 2\n'), { 'content-encoding': 'gzip' }));
    await same(w('writer', '/write?db=tsdata', gzipSync('gz v="s" 3\n'), { 'content-encoding': 'gzip' }));
    await same(w('writer', '/write?db=tsdata', Buffer.from('notgzip'), { 'content-encoding': 'gzip' }));
  });
});
