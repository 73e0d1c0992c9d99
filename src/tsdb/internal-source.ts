// What the internal source's db_uri means: the emulator's own InfluxDB 1.x API (a loopback or own-host
// address on INFLUX_PORT) is the embedded engine; any other address is that InfluxDB 1.x server, used
// through the 1.x adapter as an external one would be. INTERNAL_INFLUX_URL only sets the first start's.
import { hostname, networkInterfaces } from 'node:os';
import type { Config } from '../config.ts';
import type { DbSourceBody } from '../schemas/tsdb.ts';
import type { SourceConnection } from './adapter.ts';
import type { InitialInternal, InternalSettings } from './settings-store.ts';

/** The port a device's internal InfluxDB listens on; with INFLUX_PORT=off it still names the embedded engine. */
export const DEVICE_INFLUX_PORT = 8086;

type AddressConfig = Pick<Config, 'influxPort' | 'host' | 'tls'>;

const ownPort = (config: AddressConfig) => config.influxPort ?? DEVICE_INFLUX_PORT;

/** The embedded engine's address, the internal source's db_uri on a first start without INTERNAL_INFLUX_URL. */
export function ownInfluxUri(config: AddressConfig): string {
  return `${config.tls.mode === 'off' ? 'http' : 'https'}://127.0.0.1:${ownPort(config)}`;
}

/** Names and addresses that reach this machine, as URL.hostname spells them (IPv6 in brackets). */
export function localHostNames(config: Pick<Config, 'host'>): Set<string> {
  const names = new Set(['localhost', '0.0.0.0', '[::]', '[::1]', hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) names.add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
  }
  if (config.host !== '') names.add(config.host.includes(':') ? `[${config.host.toLowerCase()}]` : config.host.toLowerCase());
  return names;
}

/** Pure given the local names: whether `uri` is the emulator's own InfluxDB API (scheme does not matter). */
export function isOwnInfluxAddress(uri: string, config: AddressConfig, names: Set<string> = localHostNames(config)): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (port !== ownPort(config)) return false;
  const host = url.hostname.toLowerCase();
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || names.has(host);
}

/** The internal source's address and credentials on a first start. */
export function initialInternal(config: Config): InitialInternal {
  const influx = config.internalInflux;
  return influx
    ? { uri: influx.url, username: influx.username, password: influx.password }
    : { uri: ownInfluxUri(config), username: undefined, password: undefined };
}

export function internalConnection(internal: InternalSettings, config: Config): SourceConnection {
  return isOwnInfluxAddress(internal.uri, config)
    ? { vendor: 'embedded', uri: '' }
    : { vendor: 'influx_v1.x', uri: internal.uri, username: internal.username, password: internal.password };
}

function sameAddress(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/**
 * The internal settings a PUT body makes. The vendor document says only db_uri, db_vendor, name and
 * description are typically sent for the internal source, so a body without credentials for the same
 * address keeps the stored ones (those of INTERNAL_INFLUX_URL's server, say). The own address stores none.
 */
export function nextInternal(current: InternalSettings, body: DbSourceBody, config: Config): InternalSettings {
  const base = { name: body.name, description: body.description ?? '', uri: body.db_uri ?? current.uri };
  if (isOwnInfluxAddress(base.uri, config)) return { ...base, username: undefined, password: undefined };
  const keep = body.db_username === undefined && body.db_password === undefined && sameAddress(base.uri, current.uri);
  return keep
    ? { ...base, username: current.username, password: current.password }
    : { ...base, username: body.db_username, password: body.db_password };
}
