// API faults: the matcher as plain data (clock and chance injected), then through the real HTTP server on a
// free port: error statuses with the document's body or a given one, added latency, dropped connections,
// times, listing and removal, and bad fault shapes refused with the field named and nothing added.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiFaults, apiFaultSchema } from '../../src/emulator/api-faults.ts';
import { AUTH, startApp, type TestApp } from '../../support/test-app.ts';

const spec = (o: Record<string, unknown>) => apiFaultSchema.parse(o);

describe('ApiFaults', () => {
  it('matches method and wildcard path, counts down times, honours chance and duration', () => {
    let now = 1_000_000;
    let roll = 0.9;
    const faults = new ApiFaults(() => now, () => roll);
    const a = faults.add(spec({ match: { method: 'GET', path: '/stats/db*' }, effect: { status: 503 }, times: 2 }));
    const b = faults.add(spec({ match: { path: '/stats/users' }, effect: { drop: true }, probability: 0.5, duration_s: 10 }));
    expect(faults.take('POST', '/stats/db')).toBeUndefined();
    expect(faults.take('GET', '/stats/tsdb')).toBeUndefined();
    expect(faults.take('GET', '/stats/db/tsdata/measurements/x')?.id).toBe(a.id);
    expect(faults.take('GET', '/stats/db')?.remaining).toBe(0);
    expect(faults.take('GET', '/stats/db')).toBeUndefined(); // used up, gone
    expect(faults.take('DELETE', '/stats/users')).toBeUndefined(); // chance said no
    roll = 0.1;
    expect(faults.take('DELETE', '/stats/users')?.id).toBe(b.id);
    expect(faults.take('GET', '/stats/users/x')).toBeUndefined(); // no wildcard: exact path
    now += 10_000;
    expect(faults.take('DELETE', '/stats/users')).toBeUndefined(); // expired
    expect(faults.list()).toEqual([]);
  });

  it('never touches the control surface or the docs', () => {
    const faults = new ApiFaults();
    faults.add(spec({ match: { path: '/*' }, effect: { status: 500 } }));
    expect(faults.take('GET', '/__emulator/faults')).toBeUndefined();
    expect(faults.take('GET', '/docs/json')).toBeUndefined();
    expect(faults.take('GET', '/stats/metrics')).toBeDefined();
  });
});

describe('API faults through the real HTTP server', () => {
  let t: TestApp;
  let base: string;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(base + path, {
      method,
      headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  it('answers a status with the document error body, a given number of times', async () => {
    const created = await call('POST', '/__emulator/faults', { match: { method: 'GET', path: '/stats/db' }, effect: { status: 503 }, times: 2 });
    expect(created.status).toBe(201);
    const fault = (await created.json()) as { id: string; remaining: number };
    expect(fault.remaining).toBe(2);
    for (let i = 0; i < 2; i++) {
      const res = await call('GET', '/stats/db');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'Service Unavailable', message: `emulated fault ${fault.id} on GET /stats/db` });
    }
    expect((await call('GET', '/stats/db')).status).toBe(200);
    expect((await call('GET', `/__emulator/faults/${fault.id}`)).status).toBe(404);
  });

  it('sends a given body, adds latency, drops the connection; lists and removes', async () => {
    const custom = (await (await call('POST', '/__emulator/faults', {
      match: { path: '/stats/users' },
      effect: { status: 429, body: { error: 'Too Many Requests', message: 'slow down' } },
    })).json()) as { id: string };
    const slow = (await (await call('POST', '/__emulator/faults', { match: { method: 'GET', path: '/stats/tsdb' }, effect: { latency_ms: 300 } })).json()) as { id: string };
    const drop = (await (await call('POST', '/__emulator/faults', { match: { path: '/stats/tsdb/dbvendors' }, effect: { drop: true } })).json()) as { id: string };

    const users = await call('GET', '/stats/users');
    expect(users.status).toBe(429);
    expect(await users.json()).toEqual({ error: 'Too Many Requests', message: 'slow down' });
    const started = performance.now();
    const tsdb = await call('GET', '/stats/tsdb');
    // A lower bound only: latency is added, so the answer cannot come sooner.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(tsdb.status).toBe(200);
    await expect(call('GET', '/stats/tsdb/dbvendors')).rejects.toThrow();

    const listed = (await (await call('GET', '/__emulator/faults')).json()) as { id: string; hits: number }[];
    expect(listed.map((f) => [f.id, f.hits])).toEqual([[custom.id, 1], [slow.id, 1], [drop.id, 1]]);
    expect((await call('DELETE', `/__emulator/faults/${custom.id}`)).status).toBe(204);
    expect((await call('GET', '/stats/users')).status).toBe(200);
    expect((await call('DELETE', '/__emulator/faults')).status).toBe(204);
    expect(await (await call('GET', '/__emulator/faults')).json()).toEqual([]);
    expect((await call('GET', '/stats/tsdb/dbvendors')).status).toBe(200);
  });

  it.each([
    [{ match: { path: '/stats/db' }, effect: {} }, /body\.effect: needs status, latency_ms or drop/],
    [{ match: { path: 'stats/db' }, effect: { status: 503 } }, /body\.match\.path/],
    [{ match: { path: '/x', method: 'FETCH' }, effect: { status: 503 } }, /body\.match\.method/],
    [{ match: { path: '/x' }, effect: { status: 200 } }, /body\.effect\.status/],
    [{ match: { path: '/x' }, effect: { status: 503, colour: 'red' } }, /body\.effect.*colour|colour/],
    [{ match: { path: '/x' }, effect: { drop: true, status: 503 } }, /body\.effect\.drop/],
    [{ match: { path: '/x' }, effect: { status: 503 }, probability: 2 }, /body\.probability/],
    [{ effect: { status: 503 } }, /body\.match/],
  ])('refuses %j with a 400 naming the field, adding nothing', async (body, field) => {
    const res = await call('POST', '/__emulator/faults', body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: string; message: string };
    expect(err.message).toMatch(field);
    expect(await (await call('GET', '/__emulator/faults')).json()).toEqual([]);
  });
});
