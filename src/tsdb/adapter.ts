// The storage adapter contract: what every TSDB backend (embedded engine, InfluxDB 1.x, InfluxDB 2.x)
// must do, in the DataHub document's terms. Adapters throw AppError (src/errors.ts) for every failure;
// only the error handler maps them to HTTP.
//
// Retries have one owner, the caller. An adapter sends each upstream request once and never waits to try
// again: the clients it uses have their own retries turned off, so back-offs never stack. (The one resend:
// a request that went out on a pooled keep-alive socket the server had already closed, which never reached
// the server.) Every failure says through AppError.retryable whether the same call, unchanged, may succeed
// later: no answer, the source's own 5xx/429/408, or our stored credentials refused (an admin fixes those
// without the data changing). A refused request (bad points, a missing database, a conflict) is not. The
// data plane's writer (src/devicehub/writer.ts) keeps and retries a batch by that flag alone; the control
// plane never retries (its HTTP caller gets the status).
import type { Logger } from 'pino';

/** Whether an upstream HTTP answer with this status is worth the same request again later (see above). */
export function retryableUpstreamStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408 || status === 401 || status === 403;
}

/** The document's privilege values, verbatim. */
export const PRIVILEGES = ['READ', 'WRITE', 'ALL', 'NO PRIVILEGES'] as const;
export type Privilege = (typeof PRIVILEGES)[number];
/** What revoke_privileges accepts: the document lists WRITE, READ, ALL. */
export type RevocablePrivilege = Exclude<Privilege, 'NO PRIVILEGES'>;

export interface DatabaseInfo {
  name: string;
  /** On-disk bytes, from the backend's own accounting; 0 when the backend cannot tell (never invented). */
  size: number;
  measurements: string[];
}

export interface Grant {
  database: string;
  privileges: Privilege;
}

export interface DbUser {
  name: string;
  /** Sorted by database name. */
  grants: Grant[];
}

export interface ConnectionTest {
  is_connected: boolean;
  /** `InfluxDB v<version>` on success, the upstream's error text otherwise. */
  response: string;
}

export type FieldValue = number | boolean | string;

/** One time-series point, as the data plane hands it to an adapter. */
export interface Point {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, FieldValue>;
  /** Epoch milliseconds. */
  timestampMs: number;
}

export interface TsdbAdapter {
  /** The registry key this adapter was built from. */
  readonly vendor: AdapterVendor;
  /** Never throws: failures come back as `is_connected: false` with the upstream's text. */
  testConnection(): Promise<ConnectionTest>;
  /** Sorted by name; measurements sorted too. System databases (`_internal`, `_monitoring`, `_tasks`) hidden. */
  listDatabases(): Promise<DatabaseInfo[]>;
  /** 409 if it exists, 400 if the backend refuses the name. */
  createDatabase(name: string): Promise<void>;
  /** 404 if missing. Also removes every user's grants on it. */
  dropDatabase(name: string): Promise<void>;
  /** 404 if the database or the measurement is missing. */
  dropMeasurement(database: string, measurement: string): Promise<void>;
  /** Sorted by name. */
  listUsers(): Promise<DbUser[]>;
  /** All-or-nothing: 404 if a grant names a missing database (nothing created), 409 if the user exists. */
  createUser(name: string, password: string, grants: Grant[]): Promise<void>;
  /** Additive: READ then WRITE is ALL; NO PRIVILEGES clears. 404 for a missing user or database. */
  grant(user: string, database: string, privilege: Privilege): Promise<void>;
  /** Bit-clear: ALL minus WRITE is READ; revoking ALL leaves NO PRIVILEGES. 404 for a missing user or database. */
  revoke(user: string, database: string, privilege: RevocablePrivilege): Promise<void>;
  /** 404 for a missing user. */
  setPassword(user: string, password: string): Promise<void>;
  /** 404 for a missing user. */
  dropUser(user: string): Promise<void>;
  /**
   * Writes a batch; 404 if the database is missing, 503/502 when the backend is down or failing, 400 for a
   * point the backend cannot store. On a failure the embedded engine has written nothing; the InfluxDB
   * adapters may have written the requests of the call sent before it (a retry overwrites them, same series
   * and timestamps).
   */
  writePoints(database: string, points: Point[]): Promise<void>;
  /** Releases connections, files and timers. Idempotent. */
  close(): Promise<void>;
}

/** Keys of the adapter registry: the document's two vendors plus the embedded default engine. */
export type AdapterVendor = 'embedded' | 'influx_v1.x' | 'influx_v2.x';

/** Connection settings an adapter is built from (already validated for shape by the route schemas). */
export interface SourceConnection {
  vendor: AdapterVendor;
  /** http(s) URL of the server; unused by the embedded engine. */
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  /** InfluxDB 2.x API token. */
  token?: string | undefined;
  /** InfluxDB 2.x organization name. */
  org?: string | undefined;
}

/** Encrypted key/value storage for secrets that must be recoverable (InfluxDB 2.x legacy-auth passwords). */
export interface SecretStore {
  get(key: string): string | undefined;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface AdapterContext {
  dataDir: string;
  /** Every upstream call is bounded by this. */
  timeoutMs: number;
  logger: Logger;
  secrets: SecretStore;
  /** The emulator's fault hook at the embedded engine's lowest I/O layer: throws as failing storage would. */
  ioFault?: (() => void) | undefined;
  /** The embedded engine's retention per database (EMBEDDED_RETENTION) in ns; undefined = inf. */
  retentionNs?: bigint | undefined;
}

export interface VendorEntry {
  /** Shown by GET /stats/tsdb/dbvendors; undefined keeps the vendor off that list. */
  label: string | undefined;
  /** Validates settings without I/O (throws a 400 AppError) and returns a ready adapter. */
  create(connection: SourceConnection, context: AdapterContext): TsdbAdapter;
}
