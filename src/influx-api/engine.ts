// What the InfluxDB 1.x API needs from the embedded engine and from InfluxQL: the seam between the HTTP
// layer, which knows nothing of SQLite or of the AST, and the two below it.

// The engine owns what it writes and what a statement returns; InfluxQL owns what a statement needs.
export type { LinePoint, LineWriteResult, ResultSeries, StatementResult } from '../tsdb/adapters/embedded/index.ts';
export type { RequiredPrivilege } from '../influxql/index.ts';
/** The engine's stored text of a field value, which the parser builds LinePoint.fieldsJson with. */
export { valueJson } from '../tsdb/adapters/embedded/index.ts';
import type { LinePoint, LineWriteResult, QueryContext, StatementResult } from '../tsdb/adapters/embedded/index.ts';
import type { RequiredPrivilege } from '../influxql/index.ts';

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

/** What a statement runs with: the executor's context without the storage, which the port supplies. */
export type StatementContext = Omit<QueryContext, 'storage'>;

/** InfluxQL as the API uses it: i13-query's parser, privileges, printer and executor behind one face. */
export interface QueryLanguage<S = unknown> {
  /** Throws with influxd's text (the API adds `error parsing query: ` when missing); `params` are the bound `$name` values of the `params` parameter. */
  parse(q: string, params: Record<string, unknown>): S[];
  /** `defaultDb` is the request's `db` ('' when none); a privilege's '' database means that one. */
  requiredPrivileges(stmt: S, defaultDb: string): RequiredPrivilege[];
  /** The statement as influxd prints it in "not authorized to execute statement '...'" (passwords redacted). */
  statementString(stmt: S): string;
  execute(stmt: S, ctx: StatementContext): StatementResult | Promise<StatementResult>;
  /**
   * Whether chunked responses split this statement's series into chunk_size rows (SELECT, SHOW SERIES,
   * SHOW FIELD KEYS on influxd 1.6) or send each series whole (the other SHOW statements).
   */
  splitsRows(stmt: S): boolean;
}
