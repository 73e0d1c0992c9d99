// How a source's settings become an adapter: its connection, the adapter the registry builds for it
// (through the emulator's fault layer when one is set), and the guarded face named without credentials.
import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DbSourceBody } from '../schemas/tsdb.ts';
import type { AdapterContext, SecretStore, SourceConnection, TsdbAdapter } from './adapter.ts';
import { registry } from './registry.ts';
import type { ExternalSettings, SourceType } from './settings-store.ts';
import { guardAdapter } from './source-guard.ts';

/** The emulator's TSDB faults (src/emulator/tsdb-faults.ts): adapters built through it reach their source
 *  via a fault proxy (HTTP sources) or with an I/O hook (the embedded engine). */
export interface SourceFaultLayer {
  /** Makes sure `uri` can be proxied before an adapter is built for it. */
  prepare(uri: string): Promise<void>;
  uri(original: string): string;
  readonly ioFault: () => void;
}

/** One source's adapter as built: `raw` for the data plane, `guarded` for the control plane. */
export interface BuiltSource {
  connection: SourceConnection;
  raw: TsdbAdapter;
  guarded: TsdbAdapter;
}

export interface BuildDeps {
  config: Config;
  logger: FastifyBaseLogger;
  secrets: SecretStore;
  faults: SourceFaultLayer | undefined;
}

export const sameConnection = (a: SourceConnection, b: SourceConnection) =>
  (['vendor', 'uri', 'username', 'password', 'token', 'org'] as const).every((k) => a[k] === b[k]);

export function externalConnection(e: ExternalSettings): SourceConnection {
  return { vendor: e.vendor, uri: e.uri, username: e.username, password: e.password, token: e.token, org: e.org };
}

/** The external source's settings as PUT /stats/tsdb/dbsource/external gives them. */
export function externalSettings(body: DbSourceBody): ExternalSettings {
  return {
    vendor: body.db_vendor,
    uri: body.db_uri ?? '',
    name: body.name,
    description: body.description ?? '',
    username: body.db_username,
    password: body.db_password,
    token: body.db_influx2_auth_token,
    org: body.db_influx2_org_name,
  };
}

/** Names a source in error messages without credentials (a URI may carry user:pass@). */
function describeSource(type: SourceType, c: SourceConnection): string {
  if (c.vendor === 'embedded') return `${type} source (embedded engine)`;
  let where = c.uri;
  try {
    where = new URL(c.uri).origin;
  } catch {
    // Unparseable URIs never get this far (the schema checks them); keep the text as is.
  }
  return `${type} source (${c.vendor} at ${where})`;
}

/** No I/O: a factory validates its connection (400) and opens nothing until the adapter's first call. */
export function buildSource(type: SourceType, connection: SourceConnection, deps: BuildDeps): BuiltSource {
  const { config, faults } = deps;
  const context: AdapterContext = {
    dataDir: config.dataDir,
    timeoutMs: config.upstreamTimeoutMs,
    // Fastify's logger is a pino instance; its declared type is only narrower.
    logger: deps.logger.child({ source: type, vendor: connection.vendor }) as Logger,
    secrets: deps.secrets,
    ioFault: faults?.ioFault,
    retentionNs: config.embeddedRetentionNs,
  };
  const reached = faults && connection.vendor !== 'embedded' ? { ...connection, uri: faults.uri(connection.uri) } : connection;
  const raw = registry[connection.vendor].create(reached, context);
  return { connection, raw, guarded: guardAdapter(raw, config.upstreamTimeoutMs, describeSource(type, connection)) };
}
