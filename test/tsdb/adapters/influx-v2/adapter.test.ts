// InfluxDB 2.x adapter behaviour beyond the contract suite, against the stand-in: paging, the 30-day
// default, error mapping, legacy-authorization passwords, placeholder permissions and /metrics sizes.
import { createServer } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TsdbAdapter } from '../../../../src/tsdb/adapter.ts';
import { influxV2Vendor } from '../../../../src/tsdb/adapters/influx-v2/index.ts';
import { expectStatus } from '../../adapter-contract/index.ts';
import { startInflux2Standin, type Influx2Standin } from '../../../../support/influx2-standin/index.ts';
import { memorySecrets } from '../../../../support/influx2-standin/memory-secrets.ts';

const DAY_MS = 86_400_000;

function logCapture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { logger, lines };
}

function make(s: Influx2Standin, over: { token?: string; org?: string; uri?: string } = {}) {
  const secrets = memorySecrets();
  const log = logCapture();
  const adapter = influxV2Vendor.create(
    { vendor: 'influx_v2.x', uri: over.uri ?? s.url, token: over.token ?? s.token, org: over.org ?? s.org },
    { dataDir: '/nonexistent', timeoutMs: 3000, logger: log.logger, secrets },
  );
  return { adapter, secrets, log };
}

async function closedPortUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe('influx_v2.x adapter on the stand-in', () => {
  let s: Influx2Standin;
  let adapter: TsdbAdapter;
  let secrets: ReturnType<typeof memorySecrets>;
  beforeAll(async () => {
    s = await startInflux2Standin();
    ({ adapter, secrets } = make(s));
  });
  afterAll(async () => {
    await adapter.close();
    await s.close();
  });

  it('testConnection reports the /health version after an authenticated org lookup', async () => {
    expect(await adapter.testConnection()).toEqual({ is_connected: true, response: 'InfluxDB v2.7.12' });
    const bad = make(s, { token: 'wrong-token' }).adapter;
    const r = await bad.testConnection();
    expect(r.is_connected).toBe(false);
    expect(r.response).toContain('unauthorized access');
    expect(r.response).not.toContain('wrong-token');
    expect((await make(s, { org: 'no-such-org' }).adapter.testConnection()).is_connected).toBe(false);
  });

  it('the org ID is looked up once and cached', async () => {
    const fresh = make(s).adapter;
    const before = s.requests.filter((r) => r.path === '/api/v2/orgs').length;
    await fresh.listDatabases();
    await fresh.listDatabases();
    expect(s.requests.filter((r) => r.path === '/api/v2/orgs').length).toBe(before + 1);
  });

  it('lists every bucket past the 20 default and the 100 maximum page, system buckets hidden', async () => {
    for (let i = 0; i < 105; i++) s.state.addBucket(`page-${String(i).padStart(3, '0')}`);
    const names = (await adapter.listDatabases()).map((d) => d.name);
    expect(names.filter((n) => n.startsWith('page-'))).toHaveLength(105);
    expect(names.some((n) => n.startsWith('_'))).toBe(false);
    expect(s.requests.some((r) => r.path === '/api/v2/buckets' && r.query.has('after'))).toBe(true);
    for (const b of [...s.state.buckets.values()]) if (b.name.startsWith('page-')) s.state.buckets.delete(b.id);
  });

  it('creates buckets with infinite retention; measurements older than 30 days are listed', async () => {
    await adapter.createDatabase('old-data');
    expect(s.state.bucketByName('old-data')?.retentionRules).toEqual([]);
    await adapter.writePoints('old-data', [
      { measurement: 'ancient', tags: {}, fields: { v: 1 }, timestampMs: Date.now() - 400 * DAY_MS },
    ]);
    expect((await adapter.listDatabases()).find((d) => d.name === 'old-data')?.measurements).toEqual(['ancient']);
  });

  it('bucket size comes from storage_shard_disk_size by bucket ID', async () => {
    await adapter.createDatabase('sized');
    await adapter.writePoints('sized', [{ measurement: 'm', tags: { a: 'b' }, fields: { v: 1 }, timestampMs: Date.now() - 1000 }]);
    const bytes = s.state.bucketByName('sized')!.points.reduce((n, p) => n + p.bytes, 0);
    expect(bytes).toBeGreaterThan(0);
    expect((await adapter.listDatabases()).find((d) => d.name === 'sized')?.size).toBe(bytes);
  });

  it('dropMeasurement sends an escaped predicate over the full range', async () => {
    await adapter.createDatabase('esc');
    const tricky = 'a "quoted" back\\slash';
    await adapter.writePoints('esc', [
      { measurement: tricky, tags: {}, fields: { v: 1 }, timestampMs: 0 },
      { measurement: 'a ', tags: {}, fields: { v: 1 }, timestampMs: 1 },
    ]);
    await adapter.dropMeasurement('esc', tricky);
    expect((await adapter.listDatabases()).find((d) => d.name === 'esc')?.measurements).toEqual(['a ']);
  });

  it('DB users: placeholder permission hidden, password kept sealed, grant recreates and restores it', async () => {
    await adapter.createDatabase('udb');
    await adapter.createUser('u1', 'pw-1', []);
    const auth = () => [...s.state.auths.values()].find((a) => a.token === 'u1')!;
    expect(auth().permissions).toEqual([{ action: 'read', resource: { type: 'orgs', id: s.orgID } }]);
    expect((await adapter.listUsers()).find((u) => u.name === 'u1')).toEqual({ name: 'u1', grants: [] });
    const hash = auth().passwordHash;
    const firstId = auth().id;
    await adapter.grant('u1', 'udb', 'WRITE');
    expect(auth().id).not.toBe(firstId);
    expect(auth().passwordHash).toBe(hash);
    expect(auth().permissions.map((p) => p.action)).toEqual(['write']);
    expect(secrets.keys().some((k) => k.endsWith(':user:u1'))).toBe(true);
  });

  it('grant on a user created outside the emulator is 409 until its password is reset here', async () => {
    const bucket = s.state.bucketByName('udb')!;
    s.state.auths.set('0123456789abcdef', {
      id: '0123456789abcdef', orgID: s.orgID, token: 'outsider', description: '', status: 'active',
      permissions: [{ action: 'read', resource: { type: 'buckets', id: bucket.id, orgID: s.orgID } }],
      passwordHash: 'x', createdAt: '', updatedAt: '',
    });
    const err = await expectStatus(adapter.grant('outsider', 'udb', 'WRITE'), 409);
    expect(err.message).toMatch(/reset the password/);
    await adapter.grant('outsider', 'udb', 'READ'); // no change needed: no password needed
    await adapter.setPassword('outsider', 'now-known');
    await adapter.grant('outsider', 'udb', 'WRITE');
    expect((await adapter.listUsers()).find((u) => u.name === 'outsider')?.grants).toEqual([{ database: 'udb', privileges: 'ALL' }]);
  });

  it('a wrong token is 502 (not the caller\'s 401) with InfluxDB\'s message and no token', async () => {
    const err = await expectStatus(make(s, { token: 'wrong-token' }).adapter.listDatabases(), 502);
    expect(err.message).toContain('unauthorized access');
    expect(err.message).not.toContain('wrong-token');
  });

  it('an unreachable server is 503 and the connection test says why', async () => {
    const down = make(s, { uri: await closedPortUrl() }).adapter;
    await expectStatus(down.listDatabases(), 503);
    await expectStatus(down.writePoints('x', [{ measurement: 'm', tags: {}, fields: { v: 1 }, timestampMs: 0 }]), 503);
    const r = await down.testConnection();
    expect(r).toMatchObject({ is_connected: false });
    expect(r.response).toMatch(/ECONNREFUSED/);
  });

  it('create settings are checked without I/O', () => {
    const ctx = { dataDir: '/x', timeoutMs: 1000, logger: pino({ level: 'silent' }), secrets: memorySecrets() };
    expect(() => influxV2Vendor.create({ vendor: 'influx_v2.x', uri: s.url, org: 'o' }, ctx)).toThrow(/auth_token/);
    expect(() => influxV2Vendor.create({ vendor: 'influx_v2.x', uri: s.url, token: 't' }, ctx)).toThrow(/org_name/);
    expect(() => influxV2Vendor.create({ vendor: 'influx_v2.x', uri: 'ftp://x', token: 't', org: 'o' }, ctx)).toThrow(/http/);
  });
});

describe('influx_v2.x adapter without /metrics', () => {
  it('reports size 0 and says so once in the log', async () => {
    const s = await startInflux2Standin({ metrics: false });
    const { adapter, log } = make(s);
    await adapter.createDatabase('nosize');
    await adapter.writePoints('nosize', [{ measurement: 'm', tags: {}, fields: { v: 1 }, timestampMs: Date.now() - 1000 }]);
    expect((await adapter.listDatabases())[0]?.size).toBe(0);
    await adapter.listDatabases();
    expect(log.lines.filter((l) => String(l.msg).includes('sizes unavailable'))).toHaveLength(1);
    await s.close();
  });
});

describe('influx_v2.x writes against a failing server', () => {
  // Retries belong to the caller (src/tsdb/adapter.ts): the adapter sends a write once and says by the
  // error's `retryable` whether the same write may succeed later.
  let s: Influx2Standin;
  let adapter: TsdbAdapter;
  const point = { measurement: 'm', tags: {}, fields: { v: 1 }, timestampMs: 1_700_000_000_000 };
  const writes = () => s.requests.filter((r) => r.path === '/api/v2/write').length;
  beforeAll(async () => {
    s = await startInflux2Standin();
    s.state.addBucket('faulty');
    ({ adapter } = make(s));
  });
  afterAll(async () => {
    await adapter.close();
    await s.close();
  });

  it.each([
    [503, 503, 'server is starting up'],
    [429, 502, 'write limit reached'],
  ] as const)('a %i is sent once and comes back as a retryable %i', async (upstream, status, text) => {
    const before = writes();
    s.failNext('/api/v2/write', upstream);
    const err = await expectStatus(adapter.writePoints('faulty', [point]), status);
    expect(err).toMatchObject({ retryable: true, message: expect.stringContaining(text) });
    expect(writes()).toBe(before + 1);
    // Nothing was kept for a retry of the client's own: the next write is the only one that goes out.
    await adapter.writePoints('faulty', [point]);
    expect(writes()).toBe(before + 2);
  });

  it('a refused batch (400) is sent once and is not retryable', async () => {
    const before = writes();
    s.failNext('/api/v2/write', 400);
    const err = await expectStatus(adapter.writePoints('faulty', [point]), 400);
    expect(err.retryable).toBe(false);
    expect(writes()).toBe(before + 1);
  });
});
