// What the InfluxDB 1.x API needs from the embedded engine and from InfluxQL, as the issue-13 contract
// (/work/wt/issue13-contract.md) states it. The HTTP layer knows nothing of SQLite or of the AST.

export type { LinePoint, LineWriteResult } from '../tsdb/adapters/embedded/index.ts';
import type { LinePoint, LineWriteResult } from '../tsdb/adapters/embedded/index.ts';

/** A user as the API authenticates it: the stored password hash and the privilege bits per database. */
export interface InfluxUser {
  hash: string;
  /** READ=1, WRITE=2, ALL=3 (influxql.Privilege), per database name. */
  grants: ReadonlyMap<string, number>;
}

export interface InfluxStorage {
  /** The user's stored hash and grants, read fresh: a change made through /stats/users applies at once. */
  influxUser(name: string): InfluxUser | undefined;
  databaseExists(name: string): boolean;
  /** Every database name in creation order (SHOW DATABASES filters them by the user's grants). */
  databases(): string[];
  /** The database's retention in ns; undefined = inf. */
  retentionNs(database: string): bigint | undefined;
  /** 404 AppError for a missing database; points with conflicting field types are counted, not written. */
  writeLinePoints(database: string, points: LinePoint[]): Promise<LineWriteResult>;
}

/** One privilege a statement needs (influxql.ExecutionPrivilege). */
export interface ExecutionPrivilege {
  admin: boolean;
  /** The database; '' when the statement names none and no `db` was given. */
  name: string;
  privilege: 'READ' | 'WRITE' | 'ALL PRIVILEGES' | 'NO PRIVILEGES';
}

export interface ResultSeries {
  name?: string;
  tags?: Record<string, string>;
  columns: string[];
  /** `time` values are bigint nanoseconds; integers may be bigint too. */
  values: unknown[][];
  partial?: boolean;
}

export interface StatementResult {
  series?: ResultSeries[];
  error?: string;
  partial?: boolean;
  /** The statement's tz('<IANA zone>'): times are written with that zone's offset. */
  timeZone?: string;
}

export interface StatementContext {
  db: string | undefined;
  nowNs: bigint;
  /** The user holds READ (or ALL) on `db`. */
  canRead(db: string): boolean;
  /** The user holds WRITE (or ALL) on `db`; influxd 1.6's SHOW DATABASES lists what is readable or writable. */
  canWrite(db: string): boolean;
  listDatabases(): string[];
}

/** InfluxQL as the API uses it: i13-query's parser, privileges, printer and executor behind one face. */
export interface QueryLanguage<S = unknown> {
  /** Throws with influxd's text (the API adds `error parsing query: ` when missing); `params` are the bound `$name` values of the `params` parameter. */
  parse(q: string, params: Record<string, unknown>): S[];
  requiredPrivileges(stmt: S, defaultDb: string | undefined): ExecutionPrivilege[];
  /** The statement as influxd prints it in "not authorized to execute statement '...'" (passwords redacted). */
  statementString(stmt: S): string;
  execute(stmt: S, ctx: StatementContext): StatementResult | Promise<StatementResult>;
  /**
   * Whether chunked responses split this statement's series into chunk_size rows (SELECT, SHOW SERIES,
   * SHOW FIELD KEYS on influxd 1.6) or send each series whole (the other SHOW statements).
   */
  splitsRows(stmt: S): boolean;
}
