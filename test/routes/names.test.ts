// The edge-case names and passwords of the adapter contract (test/tsdb/adapter-contract/names.ts), sent through the HTTP
// routes on each source: the embedded engine, the internal source on a real influxd, and an external 2.x source
// (the stand-in). Every route answers the status the contract table says, the same on all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInflux2Standin, type Influx2Standin } from '../../support/influx2-standin/index.ts';
import { startInfluxd, type Influxd } from '../../support/influxd.ts';
import { DEFAULT_CAPABILITIES, nameFactory, type ContractCapabilities } from '../tsdb/adapter-contract/helpers.ts';
import { EDGE_NAMES, EDGE_PASSWORDS, createDatabaseVerdict, statusFor } from '../tsdb/adapter-contract/names.ts';
import { seg, startApp, type TestApp } from '../../support/test-app.ts';

interface Source {
  label: string;
  caps: ContractCapabilities;
  start(): Promise<{ t: TestApp; stop: () => Promise<void> }>;
}

const SOURCES: Source[] = [
  {
    label: 'embedded engine',
    caps: DEFAULT_CAPABILITIES,
    async start() {
      const t = await startApp();
      return { t, stop: () => t.close() };
    },
  },
  {
    label: 'internal source on influxd',
    caps: DEFAULT_CAPABILITIES,
    async start() {
      const influxd: Influxd = await startInfluxd();
      const t = await startApp(undefined, { internalInflux: { url: influxd.url, ...influxd.admin } });
      return {
        t,
        async stop() {
          await t.close();
          await influxd.dispose();
        },
      };
    },
  },
  {
    label: 'external influx_v2.x source on the stand-in',
    caps: { ...DEFAULT_CAPABILITIES, doubleQuoteInDatabaseNames: false },
    async start() {
      const standin: Influx2Standin = await startInflux2Standin();
      const t = await startApp();
      const put = await t.request({
        method: 'PUT',
        url: '/stats/tsdb/dbsource/external',
        payload: {
          db_vendor: 'influx_v2.x',
          name: 'bucket',
          db_uri: standin.url,
          db_influx2_auth_token: standin.token,
          db_influx2_org_name: standin.org,
        },
      });
      expect(put.statusCode, put.body).toBe(204);
      return {
        t,
        async stop() {
          await t.close();
          await standin.close();
        },
      };
    },
  },
];

/**
 * `.` and `..` cannot travel as a URL path segment: clients resolve them away before sending (RFC 3986
 * §5.2.4; WHATWG URL parsing, which inject() uses too, even resolves `%2E`), so `DELETE …/measurements/..`
 * would reach `DELETE /stats/db/{db}`. That is why the names rules reserve them for databases and users; here
 * they are sent only in bodies, and `expected` leaves the path calls out for them.
 */
const inPath = (n: string) => n !== '.' && n !== '..';
const only = <T extends object>(keep: boolean, o: T): Partial<T> => (keep ? o : {});

describe.each(SOURCES)('edge-case names through the HTTP routes: $label', (source) => {
  let t: TestApp;
  let stop: () => Promise<void> = async () => {};
  const name = nameFactory();
  const unique = () => name('e');
  const call = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await t.request({ method, url, payload });
    // Whatever the status, the body is the JSON error shape (or empty for 204).
    if (res.statusCode >= 400) expect(Object.keys(res.json()), res.body).toEqual(['error', 'message']);
    return res.statusCode;
  };
  const createDb = async (db: string) => expect(await call('POST', '/stats/db', { dbName: db })).toBe(204);
  const createUser = async (user: string, password = 'pw') =>
    expect(await call('POST', '/stats/users', { name: user, password, grants: [] })).toBe(204);

  beforeAll(async () => {
    ({ t, stop } = await source.start());
  });
  afterAll(async () => {
    await stop();
  });

  it.each(EDGE_NAMES)('database name, $label', async (edge) => {
    const n = edge.make(unique());
    const holder = name('holder');
    await createUser(holder);
    const seen = {
      ...only(inPath(n), {
        dropMissing: await call('DELETE', `/stats/db/${seg(n)}`),
        dropMeasurementIn: await call('DELETE', `/stats/db/${seg(n)}/measurements/m`),
      }),
      grantOn: await call('PUT', `/stats/users/${seg(holder)}/grant_privileges`, { database: n, privileges: 'READ' }),
      revokeOn: await call('PUT', `/stats/users/${seg(holder)}/revoke_privileges`, { database: n, privileges: 'READ' }),
      createUserWith: await call('POST', '/stats/users', { name: name('u'), password: 'pw', grants: [{ database: n, privileges: 'READ' }] }),
      create: await call('POST', '/stats/db', { dbName: n }),
    };
    const missing = statusFor(edge.database, 404);
    const create = createDatabaseVerdict(edge, n, source.caps);
    expect(seen).toEqual({
      ...only(inPath(n), { dropMissing: missing, dropMeasurementIn: missing }),
      grantOn: missing,
      revokeOn: missing,
      createUserWith: missing,
      create: statusFor(create, 204),
    });
    if (create === 'ok') expect(await call('DELETE', `/stats/db/${seg(n)}`)).toBe(204);
  });

  // `.` and `..` are valid measurement names, but a path cannot carry them (above); the adapter contract has them.
  it.each(EDGE_NAMES.filter((e) => inPath(e.make('u'))))('measurement name, $label', async (edge) => {
    const db = name('mdb');
    await createDb(db);
    const n = edge.make(unique());
    expect(await call('DELETE', `/stats/db/${seg(db)}/measurements/${seg(n)}`)).toBe(statusFor(edge.measurement, 404));
    if (edge.measurement === 'ok') {
      // The data plane writes through the adapter; the route then finds and drops the measurement by that name.
      await t.app.sources.unguardedTarget().adapter.writePoints(db, [{ measurement: n, tags: {}, fields: { v: 1 }, timestampMs: 1 }]);
      expect(await call('DELETE', `/stats/db/${seg(db)}/measurements/${seg(n)}`)).toBe(204);
      expect(await call('DELETE', `/stats/db/${seg(db)}/measurements/${seg(n)}`)).toBe(404);
    }
  });

  it.each(EDGE_NAMES)('user name, $label', async (edge) => {
    const n = edge.make(unique());
    const db = name('udb');
    await createDb(db);
    const user = `/stats/users/${seg(n)}`;
    const seen = {
      ...only(inPath(n), {
        setPasswordMissing: await call('PUT', `${user}/password`, { password: 'pw' }),
        grantMissing: await call('PUT', `${user}/grant_privileges`, { database: db, privileges: 'READ' }),
        revokeMissing: await call('PUT', `${user}/revoke_privileges`, { database: db, privileges: 'READ' }),
        dropMissing: await call('DELETE', `${user}/delete`),
      }),
      create: await call('POST', '/stats/users', { name: n, password: 'pw', grants: [{ database: db, privileges: 'READ' }] }),
    };
    const missing = statusFor(edge.user, 404);
    expect(seen).toEqual({
      ...only(inPath(n), { setPasswordMissing: missing, grantMissing: missing, revokeMissing: missing, dropMissing: missing }),
      create: statusFor(edge.user, 204),
    });
    if (edge.user === 'ok') {
      expect(await call('PUT', `${user}/password`, { password: 'pw2' })).toBe(204);
      expect(await call('DELETE', `${user}/delete`)).toBe(204);
    }
  });

  it.each(EDGE_PASSWORDS)('password, $label', async ({ password, verdict }) => {
    const expected = statusFor(verdict, 204);
    expect(await call('POST', '/stats/users', { name: name('pwu'), password, grants: [] })).toBe(expected);
    const other = name('pwo');
    await createUser(other, 'first');
    expect(await call('PUT', `/stats/users/${seg(other)}/password`, { password })).toBe(expected);
  });
});
