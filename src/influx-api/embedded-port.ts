// The embedded engine and InfluxQL as the Influx API sees them (engine.ts): the adapter's own methods,
// and the query language the API runs statements with.
import type { EmbeddedAdapter } from '../tsdb/adapters/embedded/index.ts';
import { InfluxQLParseError, type InfluxStorage, type QueryLanguage } from './engine.ts';

export function embeddedStorage(adapter: EmbeddedAdapter): InfluxStorage {
  return {
    influxUser: (name) => adapter.influxUser(name),
    databaseExists: (name) => adapter.databaseExists(name),
    databases: () => adapter.databaseNames(),
    retentionNs: (database) => adapter.retentionNs(database),
    writeLinePoints: (database, points) => adapter.writeLinePoints(database, points),
  };
}

/**
 * TEMPORARY, until the InfluxQL parser and executor of issue 13 (branch i13-query) are on main: every query
 * answers influxd's parse-error shape (400) saying so. Replaced by the real QueryLanguage on rebase.
 */
export const influxqlPending: QueryLanguage = {
  parse() {
    throw new InfluxQLParseError('InfluxQL is not served by this build yet (issue 13)');
  },
  requiredPrivileges: () => [],
  statementString: () => '',
  execute: () => ({ error: 'not executed' }),
  splitsRows: () => false,
};
