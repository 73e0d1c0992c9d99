// What the internal source's db_uri means, table-driven: the own InfluxDB address (loopback or this host,
// INFLUX_PORT) is the embedded engine, anything else an InfluxDB 1.x; credentials kept or replaced per PUT.
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.ts';
import type { DbSourceBody } from '../../src/schemas/tsdb.ts';
import { initialInternal, internalConnection, isOwnInfluxAddress, nextInternal, ownInfluxUri } from '../../src/tsdb/internal-source.ts';

const config = testConfig({ influxPort: 18086, host: '0.0.0.0' });
const names = new Set(['localhost', '0.0.0.0', '[::]', '[::1]', 'edge-device', '192.168.7.20', '[fe80::1]']);

describe('isOwnInfluxAddress', () => {
  it.each([
    ['http://127.0.0.1:18086', true],
    ['https://127.0.0.1:18086', true],
    ['http://127.3.2.1:18086/', true],
    ['http://LOCALHOST:18086', true],
    ['http://[::1]:18086', true],
    ['http://0.0.0.0:18086', true],
    ['http://edge-device:18086', true],
    ['http://192.168.7.20:18086', true],
    ['http://[fe80::1]:18086', true],
    ['http://127.0.0.1:8086', false],
    ['http://localhost', false],
    ['http://10.17.8.50:18086', false],
    ['http://influxdb:18086', false],
    ['not a url', false],
  ])('%s -> %s', (uri, own) => {
    expect(isOwnInfluxAddress(uri, config, names)).toBe(own);
  });

  it('with INFLUX_PORT off, the device port 8086 on loopback still names the embedded engine', () => {
    const off = testConfig({ influxPort: undefined });
    expect(isOwnInfluxAddress('http://localhost:8086', off, names)).toBe(true);
    expect(isOwnInfluxAddress('http://localhost:18086', off, names)).toBe(false);
    expect(ownInfluxUri(off)).toBe('http://127.0.0.1:8086');
  });

  it("this machine's real names and addresses count (os.hostname, interfaces)", () => {
    expect(isOwnInfluxAddress('http://127.0.0.1:18086', config)).toBe(true);
    expect(isOwnInfluxAddress('http://[::1]:18086', config)).toBe(true);
  });
});

describe('initialInternal / internalConnection', () => {
  it('a first start is the embedded engine unless INTERNAL_INFLUX_URL names a server', () => {
    const own = initialInternal(config);
    expect(own).toEqual({ uri: 'http://127.0.0.1:18086', username: undefined, password: undefined });
    expect(internalConnection({ name: 'tsdata', description: '', ...own }, config)).toEqual({ vendor: 'embedded', uri: '' });
    const env = testConfig({ influxPort: 18086, internalInflux: { url: 'http://10.0.0.5:8086', username: 'u', password: 'p' } });
    const configured = initialInternal(env);
    expect(configured).toEqual({ uri: 'http://10.0.0.5:8086', username: 'u', password: 'p' });
    expect(internalConnection({ name: 'tsdata', description: '', ...configured }, env)).toEqual({
      vendor: 'influx_v1.x',
      uri: 'http://10.0.0.5:8086',
      username: 'u',
      password: 'p',
    });
  });
});

describe('nextInternal', () => {
  const body = (b: Partial<DbSourceBody>): DbSourceBody => ({
    db_vendor: 'influx_v1.x',
    name: 'tsdata',
    description: undefined,
    db_uri: undefined,
    db_username: undefined,
    db_password: undefined,
    db_influx2_auth_token: undefined,
    db_influx2_org_name: undefined,
    ...b,
  });
  const current = { name: 'tsdata', description: '', uri: 'http://10.0.0.5:8086', username: 'u', password: 'p' };

  it('keeps stored credentials when a body names the same address without any', () => {
    expect(nextInternal(current, body({ name: 'other', db_uri: 'http://10.0.0.5:8086/' }), config)).toEqual({
      ...current,
      name: 'other',
      uri: 'http://10.0.0.5:8086/',
    });
  });

  it('takes the body credentials, or none, for another address', () => {
    expect(nextInternal(current, body({ db_uri: 'http://10.0.0.6:8086', db_username: 'x', db_password: 'y' }), config)).toMatchObject({
      uri: 'http://10.0.0.6:8086',
      username: 'x',
      password: 'y',
    });
    expect(nextInternal(current, body({ db_uri: 'http://10.0.0.6:8086' }), config)).toMatchObject({ username: undefined, password: undefined });
  });

  it('stores no credentials for the own address', () => {
    expect(nextInternal(current, body({ db_uri: 'http://localhost:18086', db_password: 'ignored' }), config)).toEqual({
      name: 'tsdata',
      description: '',
      uri: 'http://localhost:18086',
      username: undefined,
      password: undefined,
    });
  });
});
