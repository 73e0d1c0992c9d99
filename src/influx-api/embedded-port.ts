// The embedded engine and InfluxQL as the Influx API sees them (engine.ts): the adapter's own methods,
// and the query language the API runs statements with.
import { executeStatement, type EmbeddedAdapter } from '../tsdb/adapters/embedded/index.ts';
import { parseQuery, requiredPrivileges, statementString, type ParamValue, type Statement } from '../influxql/index.ts';
import type { InfluxStorage, QueryLanguage } from './engine.ts';

export function embeddedStorage(adapter: EmbeddedAdapter): InfluxStorage {
  return {
    influxUser: (name) => adapter.influxUser(name),
    databaseExists: (name) => adapter.databaseExists(name),
    databases: () => adapter.databaseNames(),
    retentionNs: (database) => adapter.retentionNs(database),
    writeLinePoints: (database, points) => adapter.writeLinePoints(database, points),
  };
}

const SPLITS_ROWS = new Set<Statement['kind']>(['Select', 'ShowSeries', 'ShowFieldKeys']);

/** InfluxQL through src/influxql/ (parser, privileges, printed forms) and the embedded engine's executor. */
export function embeddedInfluxQL(adapter: EmbeddedAdapter): QueryLanguage<Statement> {
  const storage = adapter.queryStorage();
  return {
    parse: (q, params) => parseQuery(q, params as Record<string, ParamValue>),
    requiredPrivileges: (stmt, db) => requiredPrivileges(stmt, db),
    statementString: (stmt) => statementString(stmt),
    execute: (stmt, ctx) => executeStatement(stmt, { ...ctx, storage }),
    splitsRows: (stmt) => SPLITS_ROWS.has(stmt.kind),
  };
}
