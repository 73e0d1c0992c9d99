// Authentication beyond what influxd 1.6.7 can be compared on: `Authorization: Token user:password` (1.8),
// /health (1.8), and /stats/users changes (grant, revoke, password, delete) applying to the very next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seg } from '../../support/test-app.ts';
import { basicAuth, send, startInfluxApi, type InfluxApiUnderTest } from './support.ts';

let ours: InfluxApiUnderTest;
beforeAll(async () => {
  ours = await startInfluxApi();
  await ours.createUser('dana', 'd-pw', []);
});
afterAll(() => ours?.close());

const write = (headers: Record<string, string>) => send(ours.url, { path: '/write?db=tsdata', body: 'auth_m v=1 1', headers });
const put = (action: string, payload: object) =>
  ours.t.request({ method: 'PUT', url: `/stats/users/${seg('dana')}/${action}`, payload });

describe('Influx API authentication', () => {
  it('accepts Token user:password as influxd 1.8 does, and refuses a wrong or malformed one', async () => {
    await put('grant_privileges', { database: 'tsdata', privileges: 'WRITE' });
    expect((await write({ authorization: 'Token dana:d-pw' })).status).toBe(204);
    const wrong = await write({ authorization: 'Token dana:nope' });
    expect([wrong.status, wrong.body]).toEqual([401, '{"error":"authorization failed"}\n']);
    const malformed = await write({ authorization: 'Token danad-pw' });
    expect([malformed.status, malformed.body]).toEqual([401, '{"error":"unable to parse authentication credentials"}\n']);
  });

  it('applies grant, revoke, password change and deletion to the very next request', async () => {
    const refused = '{"error":"\\"dana\\" user is not authorized to write to database \\"tsdata\\""}\n';
    expect((await put('revoke_privileges', { database: 'tsdata', privileges: 'ALL' })).statusCode).toBe(204);
    expect(await write(basicAuth('dana', 'd-pw'))).toMatchObject({ status: 403, body: refused });
    expect((await put('grant_privileges', { database: 'tsdata', privileges: 'ALL' })).statusCode).toBe(204);
    expect(await write(basicAuth('dana', 'd-pw'))).toMatchObject({ status: 204 });
    expect((await put('password', { password: 'd-pw-2' })).statusCode).toBe(204);
    expect(await write(basicAuth('dana', 'd-pw'))).toMatchObject({ status: 401, body: '{"error":"authorization failed"}\n' });
    expect(await write(basicAuth('dana', 'd-pw-2'))).toMatchObject({ status: 204 });
    expect((await ours.t.request({ method: 'DELETE', url: `/stats/users/${seg('dana')}/delete` })).statusCode).toBe(204);
    expect(await write(basicAuth('dana', 'd-pw-2'))).toMatchObject({ status: 401, body: '{"error":"authorization failed"}\n' });
  });

  it('serves /health as influxd 1.8 does, without credentials', async () => {
    const res = await send(ours.url, { path: '/health' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ name: 'influxdb', message: 'ready for queries and writes', status: 'pass', checks: [], version: '1.8.10' });
  });

  it('never writes the password of a u/p request to the log', async () => {
    const res = await send(ours.url, { path: '/query?q=SHOW+DATABASES&u=ghost&p=Very-Secret-Pw-42' });
    expect(res.status).toBe(401);
    expect(ours.logs()).toMatch(/"path":"\/query".*"status":401/);
    expect(ours.logs() + ours.t.logs()).not.toContain('Very-Secret-Pw-42');
  });
});
