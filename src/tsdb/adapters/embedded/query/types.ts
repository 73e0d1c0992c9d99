// What the InfluxQL executor of the embedded engine takes and returns (the contract with the
// InfluxDB 1.x HTTP face, which formats times and JSON): results per statement, times as bigint ns.
import type { SeriesReader } from '../series-reader.ts';

/** The engine's databases as the executor reads them. */
export interface QueryStorage {
  /** The reader of a database, or undefined when it does not exist. */
  reader(database: string): SeriesReader | undefined;
  /** Retention of the database's autogen policy in ns; undefined or 0 means infinite. */
  retentionNs?(database: string): bigint | undefined;
}

export interface QueryContext {
  /** The `db` of the request (default database), if any. */
  db: string | undefined;
  nowNs: bigint;
  canRead(database: string): boolean;
  /** WRITE or ALL on the database; influxd 1.6's SHOW DATABASES lists what a user may read or write. */
  canWrite?(database: string): boolean;
  listDatabases(): string[];
  storage: QueryStorage;
}

export interface ResultSeries {
  name?: string;
  tags?: Record<string, string>;
  columns: string[];
  /** The `time` column holds bigint nanoseconds; integers are bigint, floats number. */
  values: unknown[][];
  partial?: boolean;
}

export interface StatementResult {
  series?: ResultSeries[];
  /** tz() of the statement: RFC3339 times are printed in this IANA zone (influx-api/time-format.ts). */
  timeZone?: string;
  error?: string;
  partial?: boolean;
}
