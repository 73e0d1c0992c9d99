// The privileges influxd 1.x requires to run each statement (its RequiredPrivileges), with an empty
// database name resolved to the query's default database as influxd's query authorizer does. Pure.
import type { Source, Statement } from './ast.ts';

export interface RequiredPrivilege {
  /** True when only an admin may run the statement. */
  admin: boolean;
  /** The database the privilege is needed on ('' when none applies and no default was given). */
  database: string;
  privilege: 'NO PRIVILEGES' | 'READ' | 'WRITE' | 'ALL PRIVILEGES';
}

const ADMIN: RequiredPrivilege = { admin: true, database: '', privilege: 'ALL PRIVILEGES' };

function sourcesPrivileges(sources: Source[] | undefined, db: string): RequiredPrivilege[] {
  const out: RequiredPrivilege[] = [];
  for (const s of sources ?? []) {
    if (s.type === 'SubQuery') out.push(...requiredPrivileges(s.statement, db));
    else out.push({ admin: false, database: s.database || db, privilege: 'READ' });
  }
  return out;
}

export function requiredPrivileges(stmt: Statement, defaultDb = ''): RequiredPrivilege[] {
  const on = (database: string, privilege: RequiredPrivilege['privilege']): RequiredPrivilege[] => [
    { admin: false, database: database || defaultDb, privilege },
  ];
  switch (stmt.kind) {
    case 'Select': {
      const privs = sourcesPrivileges(stmt.sources, defaultDb);
      if (stmt.target) privs.push(...on(stmt.target.database, 'WRITE'));
      return privs;
    }
    case 'Explain':
      return requiredPrivileges(stmt.statement, defaultDb);
    case 'ShowDatabases':
      return on('', 'NO PRIVILEGES');
    case 'ShowMeasurements':
    case 'ShowTagKeys':
    case 'ShowTagValues':
    case 'ShowFieldKeys':
    case 'ShowSeries':
    case 'ShowRetentionPolicies':
      return on(stmt.database, 'READ');
    case 'ShowCardinality':
      return stmt.exact && stmt.what !== 'SERIES' && stmt.what !== 'MEASUREMENT'
        ? on(stmt.database, 'READ')
        : stmt.exact
          ? sourcesPrivileges(stmt.sources, defaultDb)
          : on(stmt.database, 'READ');
    case 'ShowQueries':
    case 'ShowContinuousQueries':
      return on('', 'READ');
    case 'DropSeries':
    case 'Delete':
      return on('', 'WRITE');
    case 'DropRetentionPolicy':
    case 'DropContinuousQuery':
      return on(stmt.database, 'WRITE');
    case 'CreateContinuousQuery': {
      const privs = on(stmt.database, 'READ');
      if (stmt.source.target?.database) privs.push({ admin: false, database: stmt.source.target.database, privilege: 'WRITE' });
      return privs;
    }
    default:
      return [ADMIN];
  }
}
