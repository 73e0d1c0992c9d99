// The statement grammar of influxd 1.x: its dispatch tree (whose key order is the `expected ...` list
// of a parse error) and the management statements; the SHOW statements that read data are in show.ts. Pure.
import type { Expr, Measurement, Privilege, Statement } from './ast.ts';
import { expected, messageAt, plain, type Parser } from './parser.ts';
import { parseCondition, parseSelect, parseSources } from './select.ts';
import { cardinality, showFieldKeys, showMeasurements, showSeries, showTagKeys, showTagValues, withOptional } from './show.ts';
import type { Tok } from './tokens.ts';

type Handler = (p: Parser) => Statement;
type Tree = [Tok, Tree | Handler][];

const show: Tree = [
  ['CONTINUOUS', [['QUERIES', () => ({ kind: 'ShowContinuousQueries' })]]],
  ['DATABASES', () => ({ kind: 'ShowDatabases' })],
  ['DIAGNOSTICS', (p) => ({ kind: 'ShowDiagnostics', module: p.accept('FOR') ? p.parseString() : '' })],
  ['FIELD', [['KEY', (p) => cardinality(p, 'FIELD KEY')], ['KEYS', showFieldKeys]]],
  ['GRANTS', [['FOR', (p) => ({ kind: 'ShowGrants', name: p.parseIdent() })]]],
  ['MEASUREMENT', [['EXACT', (p) => cardinality(p, 'MEASUREMENT', true)], ['CARDINALITY', (p) => cardinality(p, 'MEASUREMENT', false, true)]]],
  ['MEASUREMENTS', showMeasurements],
  ['QUERIES', () => ({ kind: 'ShowQueries' })],
  ['RETENTION', [['POLICIES', (p) => ({ kind: 'ShowRetentionPolicies', database: p.accept('ON') ? p.parseIdent() : '' })]]],
  ['SERIES', showSeries],
  ['SHARD', [['GROUPS', () => ({ kind: 'ShowShardGroups' })]]],
  ['SHARDS', () => ({ kind: 'ShowShards' })],
  ['STATS', (p) => ({ kind: 'ShowStats', module: p.accept('FOR') ? p.parseString() : '' })],
  ['SUBSCRIPTIONS', () => ({ kind: 'ShowSubscriptions' })],
  ['TAG', [['KEY', (p) => cardinality(p, 'TAG KEY')], ['KEYS', showTagKeys], ['VALUES', showTagValues]]],
  ['USERS', () => ({ kind: 'ShowUsers' })],
];

const create: Tree = [
  ['CONTINUOUS', [['QUERY', createContinuousQuery]]],
  ['DATABASE', createDatabase],
  ['USER', createUser],
  ['RETENTION', [['POLICY', createRetentionPolicy]]],
  ['SUBSCRIPTION', createSubscription],
];

const drop: Tree = [
  ['CONTINUOUS', [['QUERY', (p) => ({ kind: 'DropContinuousQuery', ...nameOn(p) })]]],
  ['DATABASE', (p) => ({ kind: 'DropDatabase', name: p.parseIdent() })],
  ['MEASUREMENT', (p) => ({ kind: 'DropMeasurement', name: p.parseIdent() })],
  ['RETENTION', [['POLICY', (p) => ({ kind: 'DropRetentionPolicy', ...nameOn(p) })]]],
  ['SERIES', (p) => ({ kind: 'DropSeries', ...seriesFilter(p) })],
  ['SHARD', (p) => ({ kind: 'DropShard', id: p.parseUInt64() })],
  ['SUBSCRIPTION', (p) => ({ kind: 'DropSubscription', ...subscriptionOn(p) })],
  ['USER', (p) => ({ kind: 'DropUser', name: p.parseIdent() })],
];

const language: Tree = [
  ['SELECT', parseSelect],
  ['DELETE', (p) => ({ kind: 'Delete', ...seriesFilter(p) })],
  ['SHOW', show],
  ['CREATE', create],
  ['DROP', drop],
  ['EXPLAIN', explain],
  ['GRANT', (p) => privilegeChange(p, 'TO')],
  ['REVOKE', (p) => privilegeChange(p, 'FROM')],
  ['ALTER', [['RETENTION', [['POLICY', alterRetentionPolicy]]]]],
  ['SET', [['PASSWORD', [['FOR', setPassword]]]]],
  ['KILL', [['QUERY', killQuery]]],
];

export function parseStatementWith(p: Parser): Statement {
  let tree = language;
  for (;;) {
    const t = p.scanIgnoreWhitespace();
    const next = tree.find(([tok]) => tok === t.tok)?.[1];
    if (!next) throw expected(t, tree.map(([tok]) => tok));
    if (typeof next === 'function') return next(p);
    tree = next;
  }
}

function nameOn(p: Parser): { name: string; database: string } {
  const name = p.parseIdent();
  p.expectTokens('ON');
  return { name, database: p.parseIdent() };
}

/** DROP SERIES and DELETE: FROM and/or WHERE, at least one; no database or policy in the sources. */
function seriesFilter(p: Parser): { sources?: Measurement[]; condition?: Expr } {
  const t = p.scanIgnoreWhitespace();
  let sources: Measurement[] | undefined;
  if (t.tok === 'FROM') {
    sources = parseSources(p, false) as Measurement[];
    for (const m of sources) {
      if (m.retentionPolicy !== '') throw messageAt('retention policy not supported');
      if (m.database !== '') throw messageAt('database not supported');
    }
  } else {
    p.unscan();
  }
  const condition = parseCondition(p);
  if (!condition && !sources) throw expected(t, ['FROM', 'WHERE']);
  return withOptional({}, { sources, condition });
}

function explain(p: Parser): Statement {
  const analyze = p.accept('ANALYZE');
  p.expectTokens('SELECT');
  return { kind: 'Explain', analyze, statement: parseSelect(p) };
}

function parsePrivilege(p: Parser): Privilege {
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'READ') return 'READ';
  if (t.tok === 'WRITE') return 'WRITE';
  if (t.tok === 'ALL') {
    p.accept('PRIVILEGES');
    return 'ALL PRIVILEGES';
  }
  throw expected(t, ['READ', 'WRITE', 'ALL [PRIVILEGES]']);
}

/** GRANT ... TO and REVOKE ... FROM: on one database, or ALL [PRIVILEGES] alone for the admin flag. */
function privilegeChange(p: Parser, word: 'TO' | 'FROM'): Statement {
  const privilege = parsePrivilege(p);
  const isGrant = word === 'TO';
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'ON') {
    const on = p.parseIdent();
    p.expectTokens(word);
    const user = p.parseIdent();
    return isGrant ? { kind: 'Grant', privilege, on, user } : { kind: 'Revoke', privilege, on, user };
  }
  const all = privilege === 'ALL PRIVILEGES';
  if (t.tok === word && all) {
    const user = p.parseIdent();
    return isGrant ? { kind: 'GrantAdmin', user } : { kind: 'RevokeAdmin', user };
  }
  if (t.tok === word) throw expected(t, ['ON']);
  throw expected(t, all ? ['ON', word] : ['ON']);
}

function createUser(p: Parser): Statement {
  const name = p.parseIdent();
  p.expectTokens('WITH', 'PASSWORD');
  const password = p.parseString();
  if (!p.accept('WITH')) return { kind: 'CreateUser', name, password, admin: false };
  p.expectTokens('ALL', 'PRIVILEGES');
  return { kind: 'CreateUser', name, password, admin: true };
}

function setPassword(p: Parser): Statement {
  const name = p.parseIdent();
  p.expectTokens('=');
  return { kind: 'SetPassword', name, password: p.parseString() };
}

function killQuery(p: Parser): Statement {
  const queryId = p.parseUInt64();
  return { kind: 'KillQuery', queryId, host: p.accept('ON') ? p.parseIdent() : '' };
}

function createDatabase(p: Parser): Statement {
  const stmt: Extract<Statement, { kind: 'CreateDatabase' }> = {
    kind: 'CreateDatabase', name: p.parseIdent(), rpCreate: false, rpShardDuration: 0n, rpName: '',
  };
  if (!p.accept('WITH')) return stmt;
  const t = p.scanIgnoreWhitespace();
  if (!['DURATION', 'NAME', 'REPLICATION', 'SHARD'].includes(t.tok)) throw expected(t, ['DURATION', 'NAME', 'REPLICATION', 'SHARD']);
  p.unscan();
  stmt.rpCreate = true;
  if (p.accept('DURATION')) stmt.rpDuration = p.parseDurationValue();
  if (p.accept('REPLICATION')) stmt.rpReplication = p.parseInt(1, 2 ** 31 - 1);
  if (p.accept('SHARD')) {
    p.expectTokens('DURATION');
    stmt.rpShardDuration = p.parseDurationValue();
  }
  if (p.accept('NAME')) stmt.rpName = p.parseIdent();
  return stmt;
}

/** `DURATION <d>` after SHARD, where INF is refused. */
function shardDuration(p: Parser): bigint {
  p.expectTokens('DURATION');
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'INF') throw messageAt('invalid duration INF for shard duration', t.pos);
  p.unscan();
  return p.parseDurationValue();
}

function createRetentionPolicy(p: Parser): Statement {
  const { name, database } = nameOn(p);
  p.expectTokens('DURATION');
  const duration = p.parseDurationValue();
  p.expectTokens('REPLICATION');
  const replication = p.parseInt(1, 2 ** 31 - 1);
  const shard = p.accept('SHARD') ? shardDuration(p) : 0n;
  const isDefault = p.accept('DEFAULT');
  return { kind: 'CreateRetentionPolicy', name, database, duration, replication, shardDuration: shard, isDefault };
}

function alterRetentionPolicy(p: Parser): Statement {
  const t = p.scanIgnoreWhitespace();
  let name: string;
  if (t.tok === 'DEFAULT') name = 'default';
  else if (t.tok === 'IDENT') name = t.lit;
  else throw expected(t, ['identifier']);
  p.expectTokens('ON');
  const stmt: Extract<Statement, { kind: 'AlterRetentionPolicy' }> = {
    kind: 'AlterRetentionPolicy', name, database: p.parseIdent(), isDefault: false,
  };
  const found = new Set<string>();
  for (;;) {
    const o = p.scanIgnoreWhitespace();
    if (found.has(o.tok)) throw messageAt(`found duplicate ${o.tok} option`, o.pos);
    if (o.tok === 'DURATION') stmt.duration = p.parseDurationValue();
    else if (o.tok === 'REPLICATION') stmt.replication = p.parseInt(1, 2 ** 31 - 1);
    else if (o.tok === 'SHARD') stmt.shardDuration = shardDuration(p);
    else if (o.tok === 'DEFAULT') stmt.isDefault = true;
    else {
      if (found.size === 0) throw expected(o, ['DURATION', 'REPLICATION', 'SHARD', 'DEFAULT']);
      p.unscan();
      return stmt;
    }
    found.add(o.tok);
  }
}

function createContinuousQuery(p: Parser): Statement {
  const { name, database } = nameOn(p);
  let resampleEvery = 0n;
  let resampleFor = 0n;
  if (p.accept('RESAMPLE')) {
    if (p.accept('EVERY')) resampleEvery = durationLiteral(p);
    if (p.accept('FOR')) resampleFor = durationLiteral(p);
    if (resampleEvery === 0n && resampleFor === 0n) throw expected(p.scanIgnoreWhitespace(), ['EVERY', 'FOR']);
  }
  p.expectTokens('BEGIN', 'SELECT');
  const source = parseSelect(p);
  if (!source.target) throw plain('CONTINUOUS QUERY must have an INTO clause');
  p.expectTokens('END');
  return { kind: 'CreateContinuousQuery', name, database, source, resampleEvery, resampleFor };
}

function durationLiteral(p: Parser): bigint {
  const t = p.scanIgnoreWhitespace();
  if (t.tok !== 'DURATIONVAL') throw expected(t, ['duration']);
  p.unscan();
  return p.parseDurationValue();
}

/** `name ON db.rp` of CREATE and DROP SUBSCRIPTION (no white space around the dot). */
function subscriptionOn(p: Parser): { name: string; database: string; retentionPolicy: string } {
  const name = p.parseIdent();
  p.expectTokens('ON');
  const database = p.parseIdent();
  const dot = p.scan();
  if (dot.tok !== '.') throw expected(dot, ['.']);
  return { name, database, retentionPolicy: p.parseIdent() };
}

function createSubscription(p: Parser): Statement {
  const { name, database, retentionPolicy } = subscriptionOn(p);
  p.expectTokens('DESTINATIONS');
  const mode = p.scanIgnoreWhitespace();
  if (mode.tok !== 'ANY' && mode.tok !== 'ALL') throw expected(mode, ['ALL', 'ANY']);
  const destinations = [p.parseString()];
  while (p.accept(',')) destinations.push(p.parseString());
  return { kind: 'CreateSubscription', name, database, retentionPolicy, destinations, mode: mode.tok };
}
