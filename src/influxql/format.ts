// Statements and expressions printed as influxd 1.x's String() methods print them: what appears in
// "not authorized to execute statement '...'" and in column names such as `mean_value`. Pure.
import type { Expr, Measurement, SelectStatement, SortField, Source, Statement } from './ast.ts';
import { formatDuration, goDurationString } from './duration.ts';
import { quoteIdent, quoteString } from './quote.ts';

/** Go's strconv.FormatFloat(v, 'f', 3, 64), influxd's NumberLiteral.String(). */
function numberString(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return v.toFixed(3);
}

export function exprString(e: Expr): string {
  switch (e.type) {
    case 'VarRef':
      return quoteIdent(e.val) + (e.dataType ? `::${e.dataType}` : '');
    case 'Call':
      return `${e.name}(${e.args.map(exprString).join(', ')})`;
    case 'Distinct':
      return `DISTINCT ${e.val}`;
    case 'Number':
      return numberString(e.val);
    case 'Integer':
    case 'Unsigned':
      return String(e.val);
    case 'String':
      return quoteString(e.val);
    case 'Boolean':
      return e.val ? 'true' : 'false';
    case 'Duration':
      return formatDuration(e.val);
    case 'Regex':
      return `/${e.val.replace(/\//g, '\\/')}/`;
    case 'Wildcard':
      return e.kind === 'FIELD' ? '*::field' : e.kind === 'TAG' ? '*::tag' : '*';
    case 'Binary':
      return `${exprString(e.lhs)} ${e.op} ${exprString(e.rhs)}`;
    case 'Paren':
      return `(${exprString(e.expr)})`;
    case 'List':
      return `(${e.vals.map((v) => quoteIdent(v)).join(', ')})`;
  }
}

function measurementString(m: Measurement): string {
  let out = '';
  if (m.database !== '') out += `${quoteIdent(m.database)}.`;
  if (m.retentionPolicy !== '') out += quoteIdent(m.retentionPolicy);
  if (m.database !== '' || m.retentionPolicy !== '') out += '.';
  if (m.name !== '') out += quoteIdent(m.name);
  else if (m.regex) out += exprString(m.regex);
  return out;
}

function sourceString(s: Source): string {
  return s.type === 'SubQuery' ? `(${selectString(s.statement)})` : measurementString(s);
}

const sources = (list: Source[]) => list.map(sourceString).join(', ');
const sortString = (f: SortField) => `${f.name !== '' ? `${f.name} ` : ''}${f.ascending ? 'ASC' : 'DESC'}`;

function clauses(parts: {
  on?: string;
  onRaw?: boolean;
  from?: Source[] | undefined;
  where?: Expr | undefined;
  groupBy?: Expr[];
  orderBy?: SortField[];
  limit?: number;
  offset?: number;
  slimit?: number;
  soffset?: number;
}): string {
  let out = '';
  if (parts.on) out += ` ON ${parts.onRaw ? parts.on : quoteIdent(parts.on)}`;
  if (parts.from) out += ` FROM ${sources(parts.from)}`;
  if (parts.where) out += ` WHERE ${exprString(parts.where)}`;
  if (parts.groupBy?.length) out += ` GROUP BY ${parts.groupBy.map(exprString).join(', ')}`;
  if (parts.orderBy?.length) out += ` ORDER BY ${parts.orderBy.map(sortString).join(', ')}`;
  if (parts.limit) out += ` LIMIT ${parts.limit}`;
  if (parts.offset) out += ` OFFSET ${parts.offset}`;
  if (parts.slimit) out += ` SLIMIT ${parts.slimit}`;
  if (parts.soffset) out += ` SOFFSET ${parts.soffset}`;
  return out;
}

export function selectString(s: SelectStatement): string {
  let out = `SELECT ${s.fields.map((f) => exprString(f.expr) + (f.alias ? ` AS ${quoteIdent(f.alias)}` : '')).join(', ')}`;
  if (s.target) out += ` INTO ${measurementString(s.target)}${s.target.name === '' ? ':MEASUREMENT' : ''}`;
  if (s.sources.length) out += ` FROM ${sources(s.sources)}`;
  if (s.condition) out += ` WHERE ${exprString(s.condition)}`;
  if (s.dimensions.length) out += ` GROUP BY ${s.dimensions.map(exprString).join(', ')}`;
  if (s.fill === 'none') out += ' fill(none)';
  else if (s.fill === 'number') out += ` fill(${String(s.fillValue)})`;
  else if (s.fill === 'linear') out += ' fill(linear)';
  else if (s.fill === 'previous') out += ' fill(previous)';
  out += clauses({ orderBy: s.sortFields, limit: s.limit, offset: s.offset, slimit: s.slimit, soffset: s.soffset });
  if (s.location !== undefined) out += ` TZ('${s.location === '' ? 'UTC' : s.location}')`;
  return out;
}

/** The statement as influxd prints it (passwords as [REDACTED]). */
export function statementString(s: Statement): string {
  switch (s.kind) {
    case 'Select':
      return selectString(s);
    case 'Explain':
      return `EXPLAIN ${s.analyze ? 'ANALYZE ' : ''}${selectString(s.statement)}`;
    case 'ShowDatabases':
      return 'SHOW DATABASES';
    case 'ShowMeasurements': {
      let out = 'SHOW MEASUREMENTS';
      // influxd prints this database unquoted.
      if (s.database) out += ` ON ${s.database}`;
      if (s.source) out += ` WITH MEASUREMENT ${s.source.regex ? '=~' : '='} ${measurementString(s.source)}`;
      return out + clauses({ where: s.condition, orderBy: s.sortFields, limit: s.limit, offset: s.offset });
    }
    case 'ShowTagKeys':
      return `SHOW TAG KEYS${clauses({ on: s.database, from: s.sources, where: s.condition, orderBy: s.sortFields, limit: s.limit, offset: s.offset, slimit: s.slimit, soffset: s.soffset })}`;
    case 'ShowTagValues': {
      const key = s.tagKeyExpr.type === 'String' ? quoteIdent(s.tagKeyExpr.val) : exprString(s.tagKeyExpr);
      return (
        `SHOW TAG VALUES${clauses({ on: s.database, from: s.sources })} WITH KEY ${s.op} ${key}` +
        clauses({ where: s.condition, orderBy: s.sortFields, limit: s.limit, offset: s.offset })
      );
    }
    case 'ShowFieldKeys':
      return `SHOW FIELD KEYS${clauses({ on: s.database, from: s.sources, orderBy: s.sortFields, limit: s.limit, offset: s.offset })}`;
    case 'ShowSeries':
      return `SHOW SERIES${clauses({ on: s.database, from: s.sources, where: s.condition, orderBy: s.sortFields, limit: s.limit, offset: s.offset })}`;
    case 'ShowCardinality': {
      const head = s.what === 'SERIES' || s.what === 'MEASUREMENT'
        ? `SHOW ${s.what}${s.exact ? ' EXACT' : ''} CARDINALITY`
        : `SHOW ${s.what} ${s.exact ? 'EXACT ' : ''}CARDINALITY`;
      let out = head + clauses({ on: s.database, from: s.sources });
      if (s.tagKeyExpr) {
        const key = s.tagKeyExpr.type === 'String' ? quoteIdent(s.tagKeyExpr.val) : exprString(s.tagKeyExpr);
        out += ` WITH KEY ${s.op} ${key}`;
      }
      return out + clauses({ where: s.condition, groupBy: s.dimensions, limit: s.limit, offset: s.offset });
    }
    case 'ShowRetentionPolicies':
      return `SHOW RETENTION POLICIES${clauses({ on: s.database })}`;
    case 'ShowUsers':
      return 'SHOW USERS';
    case 'ShowGrants':
      return `SHOW GRANTS FOR ${quoteIdent(s.name)}`;
    case 'ShowQueries':
      return 'SHOW QUERIES';
    case 'ShowContinuousQueries':
      return 'SHOW CONTINUOUS QUERIES';
    case 'ShowShards':
      return 'SHOW SHARDS';
    case 'ShowShardGroups':
      return 'SHOW SHARD GROUPS';
    case 'ShowSubscriptions':
      return 'SHOW SUBSCRIPTIONS';
    case 'ShowStats':
      return `SHOW STATS${s.module ? ` FOR ${quoteString(s.module)}` : ''}`;
    case 'ShowDiagnostics':
      return `SHOW DIAGNOSTICS${s.module ? ` FOR ${quoteString(s.module)}` : ''}`;
    case 'CreateDatabase': {
      let out = `CREATE DATABASE ${quoteIdent(s.name)}`;
      if (!s.rpCreate) return out;
      out += ' WITH';
      if (s.rpDuration !== undefined) out += ` DURATION ${goDurationString(s.rpDuration)}`;
      if (s.rpReplication !== undefined) out += ` REPLICATION ${s.rpReplication}`;
      if (s.rpShardDuration > 0n) out += ` SHARD DURATION ${goDurationString(s.rpShardDuration)}`;
      if (s.rpName) out += ` NAME ${quoteIdent(s.rpName)}`;
      return out;
    }
    case 'DropDatabase':
      return `DROP DATABASE ${quoteIdent(s.name)}`;
    case 'DropMeasurement':
      return `DROP MEASUREMENT ${quoteIdent(s.name)}`;
    case 'DropSeries':
      return `DROP SERIES${clauses({ from: s.sources, where: s.condition })}`;
    case 'Delete':
      return `DELETE${clauses({ from: s.sources, where: s.condition })}`;
    case 'DropShard':
      return `DROP SHARD ${s.id}`;
    case 'CreateUser':
      return `CREATE USER ${quoteIdent(s.name)} WITH PASSWORD [REDACTED]${s.admin ? ' WITH ALL PRIVILEGES' : ''}`;
    case 'DropUser':
      return `DROP USER ${quoteIdent(s.name)}`;
    case 'SetPassword':
      return `SET PASSWORD FOR ${quoteIdent(s.name)} = [REDACTED]`;
    case 'Grant':
      return `GRANT ${s.privilege} ON ${quoteIdent(s.on)} TO ${quoteIdent(s.user)}`;
    case 'GrantAdmin':
      return `GRANT ALL PRIVILEGES TO ${quoteIdent(s.user)}`;
    case 'Revoke':
      return `REVOKE ${s.privilege} ON ${quoteIdent(s.on)} FROM ${quoteIdent(s.user)}`;
    case 'RevokeAdmin':
      return `REVOKE ALL PRIVILEGES FROM ${quoteIdent(s.user)}`;
    case 'CreateRetentionPolicy':
      return (
        `CREATE RETENTION POLICY ${quoteIdent(s.name)} ON ${quoteIdent(s.database)} DURATION ${formatDuration(s.duration)}` +
        ` REPLICATION ${s.replication}${s.shardDuration > 0n ? ` SHARD DURATION ${formatDuration(s.shardDuration)}` : ''}` +
        (s.isDefault ? ' DEFAULT' : '')
      );
    case 'AlterRetentionPolicy': {
      let out = `ALTER RETENTION POLICY ${quoteIdent(s.name)} ON ${quoteIdent(s.database)}`;
      if (s.duration !== undefined) out += ` DURATION ${formatDuration(s.duration)}`;
      if (s.replication !== undefined) out += ` REPLICATION ${s.replication}`;
      if (s.shardDuration !== undefined) out += ` SHARD DURATION ${formatDuration(s.shardDuration)}`;
      return out + (s.isDefault ? ' DEFAULT' : '');
    }
    case 'DropRetentionPolicy':
      return `DROP RETENTION POLICY ${quoteIdent(s.name)} ON ${quoteIdent(s.database)}`;
    case 'CreateContinuousQuery': {
      let out = `CREATE CONTINUOUS QUERY ${quoteIdent(s.name)} ON ${quoteIdent(s.database)} `;
      if (s.resampleEvery > 0n || s.resampleFor > 0n) {
        out += 'RESAMPLE ';
        if (s.resampleEvery > 0n) out += `EVERY ${formatDuration(s.resampleEvery)} `;
        if (s.resampleFor > 0n) out += `FOR ${formatDuration(s.resampleFor)} `;
      }
      return `${out}BEGIN ${selectString(s.source)} END`;
    }
    case 'DropContinuousQuery':
      return `DROP CONTINUOUS QUERY ${quoteIdent(s.name)} ON ${quoteIdent(s.database)}`;
    case 'CreateSubscription':
      return (
        `CREATE SUBSCRIPTION ${quoteIdent(s.name)} ON ${quoteIdent(s.database)}.${quoteIdent(s.retentionPolicy)}` +
        ` DESTINATIONS ${s.mode} ${s.destinations.map(quoteString).join(', ')}`
      );
    case 'DropSubscription':
      return `DROP SUBSCRIPTION ${quoteIdent(s.name)} ON ${quoteIdent(s.database)}.${quoteIdent(s.retentionPolicy)}`;
    case 'KillQuery':
      return `KILL QUERY ${s.queryId}${s.host ? ` ON ${quoteIdent(s.host)}` : ''}`;
  }
}
