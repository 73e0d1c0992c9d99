// The write client against a real influxd 1.x: writes land, InfluxDB's refusals come back mapped with its own
// text, and a restart of influxd between two writes of one client costs no failure.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../../adapter-contract/helpers.ts';
import { InfluxEndpoint } from '../../../../../src/tsdb/adapters/influx-v1/endpoint.ts';
import { WriteClient } from '../../../../../src/tsdb/adapters/influx-v1/write/index.ts';
import { startInfluxd, type Influxd } from '../../../../../support/influxd.ts';

let influxd: Influxd;
beforeAll(async () => {
  influxd = await startInfluxd();
  await influxd.query('CREATE DATABASE "plant"');
});
afterAll(async () => {
  await influxd?.dispose();
});

const clients: WriteClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

function client(creds = influxd.admin): WriteClient {
  const c = new WriteClient(new InfluxEndpoint({ uri: influxd.url, ...creds, timeoutMs: 5000 }));
  clients.push(c);
  return c;
}

async function count(measurement: string): Promise<unknown> {
  const [r] = await influxd.query(`SELECT count("v") FROM "${measurement}"`, { db: 'plant' });
  return r?.series?.[0]?.values?.[0]?.[1];
}

describe('POST /write into a real influxd', () => {
  it('writes land, over one client, in bodies large and small', async () => {
    const c = client();
    const lines = Array.from({ length: 5000 }, (_, i) => `landed,host=h${i % 7} v=${i} ${1_700_000_000_000 + i}`);
    await c.post('plant', Buffer.from(lines.join('\n')));
    await c.post('plant', Buffer.from('landed,host=x v=1.5 1700000100000'));
    expect(await count('landed')).toBe(5001);
  });

  it("InfluxDB's refusals: a bad line is 400, a missing database 404, wrong credentials 502, each with its text", async () => {
    const bad = await expectStatus(client().post('plant', Buffer.from('refused v=1 1\nrefused v="s" 2')), 400);
    expect([bad.statusCode, bad.message]).toEqual([400, expect.stringContaining('field type conflict')]);
    const missing = await expectStatus(client().post('nowhere', Buffer.from('m v=1 1')), 404);
    expect([missing.statusCode, missing.message]).toEqual([404, expect.stringContaining('database not found: "nowhere"')]);
    const secret = 'not-The-Passw0rd';
    const denied = await expectStatus(client({ username: 'admin', password: secret }).post('plant', Buffer.from('m v=1 1')), 502);
    expect([denied.statusCode, denied.message]).toEqual([502, expect.stringContaining('authorization failed')]);
    expect(denied.message).not.toContain(secret);
  });

  it('influxd restarted between two writes of one client: the second lands, no 503', async () => {
    const c = client();
    await c.post('plant', Buffer.from('restart v=1 1700000000000'));
    await influxd.stop();
    await influxd.start();
    // The pooled socket is dead now: dropped if its close reached us first, else the one resend a stale socket earns.
    await c.post('plant', Buffer.from('restart v=2 1700000000001'));
    expect(await count('restart')).toBe(2);
  });
});
