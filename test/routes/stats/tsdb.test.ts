// /stats/tsdb*: info, state, dbsource (per-vendor validation, activation), dbvendors, connection test,
// and how an unreachable, hanging or failing source surfaces (503/502 naming it; test stays 200).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brokenUpstream, closedPort, expectJsonError, startApp, type TestApp, v1Source } from '../../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await startApp(undefined, { upstreamTimeoutMs: 300 });
});
afterEach(async () => {
  await t.close();
});

const get = (url: string) => t.request({ method: 'GET', url });
const put = (url: string, payload?: object) => t.request({ method: 'PUT', url, payload });

describe('GET /stats/tsdb and PUT /stats/tsdb/state/{state}', () => {
  it('starts internal and enabled, and follows enable/disable', async () => {
    expect((await get('/stats/tsdb')).json()).toEqual({ source: 'internal', is_enabled: true });
    const off = await put('/stats/tsdb/state/disable');
    expect(off.statusCode).toBe(204);
    expect(off.body).toBe('');
    expect((await get('/stats/tsdb')).json()).toEqual({ source: 'internal', is_enabled: false });
    expect(t.app.sources.unguardedTarget().enabled).toBe(false);
    expect((await put('/stats/tsdb/state/enable')).statusCode).toBe(204);
    expect((await get('/stats/tsdb')).json()).toEqual({ source: 'internal', is_enabled: true });
  });

  it.each(['ENABLE', 'Disable', 'on', 'true', '%20enable', 'enable%00'])('answers 400 for state %j', async (state) => {
    const body = expectJsonError(await put(`/stats/tsdb/state/${state}`), 400);
    expect(body.message).toMatch(/enable or disable/);
  });

  it('answers 400 for an empty state segment and 404 JSON for a longer path', async () => {
    expectJsonError(await put('/stats/tsdb/state/'), 400);
    expectJsonError(await put('/stats/tsdb/state/enable/now'), 404);
  });
});

describe('GET /stats/tsdb/dbvendors', () => {
  it('answers the document list', async () => {
    const res = await get('/stats/tsdb/dbvendors');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { value: 'influx_v1.x', label: 'InfluxDB v1.x' },
      { value: 'influx_v2.x', label: 'InfluxDB v2.x' },
    ]);
  });
});

describe('PUT /stats/tsdb/dbsource/{db_source_type}', () => {
  it('activates an external influx_v1.x source at once and keeps is_enabled', async () => {
    await put('/stats/tsdb/state/disable');
    const res = await put('/stats/tsdb/dbsource/external', v1Source('http://127.0.0.1:8086'));
    expect(res.statusCode).toBe(204);
    expect((await get('/stats/tsdb')).json()).toEqual({ source: 'external', is_enabled: false });
    const target = t.app.sources.unguardedTarget();
    expect(target).toMatchObject({ source: 'external', database: 'remote', enabled: false });
    expect(target.adapter.vendor).toBe('influx_v1.x');
  });

  it('activates an external influx_v2.x source with token and org', async () => {
    const res = await put('/stats/tsdb/dbsource/external', {
      db_vendor: 'influx_v2.x',
      name: 'bucket',
      db_uri: 'https://influx.example:8086',
      db_influx2_auth_token: 'v2-token-never-shown',
      db_influx2_org_name: 'org',
    });
    expect(res.statusCode).toBe(204);
    expect(t.app.sources.unguardedTarget()).toMatchObject({ source: 'external', database: 'bucket' });
    expect(t.app.sources.unguardedTarget().adapter.vendor).toBe('influx_v2.x');
  });

  it('for internal, the own address (INFLUX_PORT, here off: 8086) is the embedded engine; influx_v1.x required', async () => {
    const res = await put('/stats/tsdb/dbsource/internal', {
      db_vendor: 'influx_v1.x',
      name: 'other',
      description: 'mine',
      db_uri: 'http://localhost:8086',
      db_password: 'ignored-password',
    });
    expect(res.statusCode).toBe(204);
    const target = t.app.sources.unguardedTarget();
    expect(target).toMatchObject({ source: 'internal', database: 'other' });
    expect(target.adapter.vendor).toBe('embedded');
    const v2 = await put('/stats/tsdb/dbsource/internal', {
      db_vendor: 'influx_v2.x',
      name: 'b',
      db_uri: 'http://x:1',
      db_influx2_auth_token: 't',
      db_influx2_org_name: 'o',
    });
    expect(expectJsonError(v2, 400).message).toMatch(/influx_v1\.x/);
  });

  it('switching back to internal keeps the external settings and the internal engine', async () => {
    await put('/stats/tsdb/dbsource/external', v1Source('http://127.0.0.1:8086'));
    await put('/stats/tsdb/dbsource/internal', { db_vendor: 'influx_v1.x', name: 'tsdata', db_uri: 'http://localhost:8086' });
    expect(t.app.sources.unguardedTarget()).toMatchObject({ source: 'internal', database: 'tsdata' });
    expect((await get('/stats/db')).statusCode).toBe(200);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['no vendor', { name: 'n', db_uri: 'http://h:1' }, /db_vendor/],
    ['the document placeholder vendor', { db_vendor: 'vendor', name: 'n', db_uri: 'http://h:1' }, /db_vendor/],
    ['embedded is not a body vendor', { db_vendor: 'embedded', name: 'n', db_uri: 'http://h:1' }, /db_vendor/],
    ['no name', { db_vendor: 'influx_v1.x', db_uri: 'http://h:1' }, /name: required/],
    ['empty name', { db_vendor: 'influx_v1.x', name: '', db_uri: 'http://h:1' }, /name/],
    ['name too long', { db_vendor: 'influx_v1.x', name: 'n'.repeat(256), db_uri: 'http://h:1' }, /name/],
    ['no uri', { db_vendor: 'influx_v1.x', name: 'n' }, /db_uri: required/],
    ['ftp uri', { db_vendor: 'influx_v1.x', name: 'n', db_uri: 'ftp://h:1' }, /db_uri/],
    ['not a uri', { db_vendor: 'influx_v1.x', name: 'n', db_uri: 'DB connection string' }, /db_uri/],
    ['v2 without token', { db_vendor: 'influx_v2.x', name: 'n', db_uri: 'http://h:1', db_influx2_org_name: 'o' }, /auth_token/],
    ['v2 without org', { db_vendor: 'influx_v2.x', name: 'n', db_uri: 'http://h:1', db_influx2_auth_token: 'secret-tok' }, /org_name/],
    ['numeric password', { db_vendor: 'influx_v1.x', name: 'n', db_uri: 'http://h:1', db_password: 1234 }, /db_password/],
  ];
  it.each(bad)('answers 400 for %s, before changing anything', async (_case, body, message) => {
    const res = await put('/stats/tsdb/dbsource/external', body);
    expect(expectJsonError(res, 400).message).toMatch(message);
    expect(res.body).not.toContain('secret-tok');
    expect((await get('/stats/tsdb')).json()).toEqual({ source: 'internal', is_enabled: true });
  });

  it.each(['Internal', 'remote', 'external%20'])('answers 400 for source type %j', async (type) => {
    const res = await put(`/stats/tsdb/dbsource/${type}`, v1Source('http://h:1'));
    expect(expectJsonError(res, 400).message).toMatch(/internal or external/);
  });

  it('answers 400 for a body that is not JSON or missing', async () => {
    expectJsonError(await t.request({ method: 'PUT', url: '/stats/tsdb/dbsource/external', payload: '{"db_password":"x', headers: { 'content-type': 'application/json' } }), 400);
    expectJsonError(await put('/stats/tsdb/dbsource/external'), 400);
  });
});

describe('GET /stats/tsdb/dbsource/{db_source_type}/test', () => {
  it('reports the internal engine connected', async () => {
    const res = await get('/stats/tsdb/dbsource/internal/test');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ is_connected: true, response: expect.any(String) });
  });

  it('answers 200 with is_connected false for an unconfigured, refused or hanging source', async () => {
    const unconfigured = await get('/stats/tsdb/dbsource/external/test');
    expect(unconfigured.statusCode).toBe(200);
    expect(unconfigured.json()).toEqual({ is_connected: false, response: 'external source is not configured' });

    await put('/stats/tsdb/dbsource/external', v1Source(`http://127.0.0.1:${await closedPort()}`));
    const refused = await get('/stats/tsdb/dbsource/external/test');
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ is_connected: false, response: expect.stringMatching(/.+/) });

    const hang = await brokenUpstream('hang');
    try {
      await put('/stats/tsdb/dbsource/external', v1Source(hang.url));
      const slow = await get('/stats/tsdb/dbsource/external/test');
      expect(slow.statusCode).toBe(200);
      expect(slow.json()).toMatchObject({ is_connected: false });
    } finally {
      await hang.close();
    }
  });

  it('answers 400 for an unknown source type', async () => {
    expectJsonError(await get('/stats/tsdb/dbsource/both/test'), 400);
  });
});

describe('an external source that is down or failing', () => {
  it('answers 503 naming the source when refused, and when it never answers', async () => {
    await put('/stats/tsdb/dbsource/external', v1Source(`http://127.0.0.1:${await closedPort()}`));
    const refused = expectJsonError(await get('/stats/db'), 503);
    expect(refused.message).toMatch(/127\.0\.0\.1/);

    const hang = await brokenUpstream('hang');
    try {
      await put('/stats/tsdb/dbsource/external', v1Source(hang.url));
      const slow = expectJsonError(await get('/stats/users'), 503);
      expect(slow.message).toMatch(/127\.0\.0\.1/);
    } finally {
      await hang.close();
    }
  });

  it('answers 502 when it answers with a server error', async () => {
    const fail = await brokenUpstream('fail');
    try {
      await put('/stats/tsdb/dbsource/external', v1Source(fail.url));
      expectJsonError(await get('/stats/db'), 502);
    } finally {
      await fail.close();
    }
  });

  it('never shows or logs the stored password or token', async () => {
    await put('/stats/tsdb/dbsource/external', v1Source(`http://127.0.0.1:${await closedPort()}`));
    const bodies = [
      (await get('/stats/tsdb')).body,
      (await get('/stats/tsdb/dbsource/external/test')).body,
      (await get('/stats/db')).body,
      (await t.request({ method: 'POST', url: '/stats/users', payload: { name: 'u', password: 'user-pw-secret', grants: [] } })).body,
    ];
    for (const text of [...bodies, t.logs()]) {
      expect(text).not.toContain('v1-password-never-shown');
      expect(text).not.toContain('user-pw-secret');
    }
  });
});
