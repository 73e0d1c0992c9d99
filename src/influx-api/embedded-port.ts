// The embedded engine and InfluxQL as the Influx API sees them (engine.ts): the adapter's own methods,
// and the query language the API runs statements with.
import type { EmbeddedAdapter } from '../tsdb/adapters/embedded/index.ts';
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

/** Whether statements run (false until issue 13's executor is wired below); the real-client tests read it. */
export const EXECUTES_INFLUXQL = false;

const SPLITS_ROWS = new Set<Statement['kind']>(['Select', 'ShowSeries', 'ShowFieldKeys']);

/**
 * InfluxQL through src/influxql/ (parser, privileges, printed forms). The executor is TEMPORARY until
 * issue 13's (branch i13-query) is on main: until then every statement answers a statement error saying so.
 */
export function embeddedInfluxQL(): QueryLanguage<Statement> {
  return {
    parse: (q, params) => parseQuery(q, params as Record<string, ParamValue>),
    requiredPrivileges: (stmt, db) =>
      requiredPrivileges(stmt, db ?? '').map((p) => ({ admin: p.admin, name: p.database, privilege: p.privilege })),
    statementString: (stmt) => statementString(stmt),
    execute: () => ({ error: 'statement execution is not available in this build yet (issue 13)' }),
    splitsRows: (stmt) => SPLITS_ROWS.has(stmt.kind),
  };
}
