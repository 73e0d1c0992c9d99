// executeStatement: one parsed InfluxQL statement run on the embedded engine. Statement errors come back
// as `{ error }` in influxd's words (never thrown); what the engine does not run is named in the error.
import type { Statement } from '../../../../influxql/ast.ts';
import { statementString } from '../../../../influxql/format.ts';
import { StatementError } from '../../../../influxql/time-range.ts';
import { runSelect } from './select.ts';
import { showStatement } from './show.ts';
import type { QueryContext, StatementResult } from './types.ts';

export type { QueryContext, QueryStorage, ResultSeries, StatementResult } from './types.ts';

export function executeStatement(stmt: Statement, ctx: QueryContext): StatementResult {
  // Measurement lists are read once per statement and database.
  const cache = new Map<string, string[]>();
  const measurements = (db: string) => {
    let names = cache.get(db);
    if (!names) {
      const reader = ctx.storage.reader(db);
      names = reader ? reader.measurementNames() : [];
      cache.set(db, names);
    }
    return names;
  };
  try {
    switch (stmt.kind) {
      case 'Select':
        return runSelect(stmt, ctx, measurements);
      case 'ShowDatabases':
      case 'ShowMeasurements':
      case 'ShowTagKeys':
      case 'ShowTagValues':
      case 'ShowFieldKeys':
      case 'ShowSeries':
      case 'ShowRetentionPolicies':
        return showStatement(stmt, ctx, measurements);
      default:
        return { error: `statement not supported by the embedded engine: ${statementString(stmt)}` };
    }
  } catch (err) {
    if (err instanceof StatementError) return { error: err.message };
    throw err;
  }
}
