// The statement grammar of influxd 1.x: its dispatch tree (whose key order is the `expected ...` list
// of a parse error), the SHOW statements and the management statements. Pure.
import type { Expr, Measurement, Privilege, Statement } from './ast.ts';
import { expected, messageAt, plain, type Parser } from './parser.ts';
import { parseCondition, parseDimensions, parseOrderBy, parseSelect, parseSource, parseSources } from './select.ts';
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
  ['SUBSCRIPTION', dropSubscription],
  ['USER', (p) => ({ kind: 'DropUser', name: p.parseIdent() })],
];

const language: Tree = [
  ['SELECT', parseSelect],
  ['DELETE', (p) => ({ kind: 'Delete', ...seriesFilter(p) })],
  ['SHOW', show],
  ['CREATE', create],
  ['DROP', drop],
  ['EXPLAIN', explain],
  ['GRANT', grant],
  ['REVOKE', revoke],
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
  const on = p.scanIgnoreWhitespace();
  if (on.tok !== 'ON') throw expected(on, ['ON']);
  return { name, database: p.parseIdent() };
}

function showMeasurements(p: Parser): Statement {
  const database = p.accept('ON') ? p.parseIdent() : '';
  let source: Measurement | undefined;
  if (p.accept('WITH')) {
    p.expectTokens('MEASUREMENT');
    const op = p.scanIgnoreWhitespace();
    if (op.tok !== '=' && op.tok !== '=~') throw expected(op, ['=', '=~']);
    source = parseSource(p, false) as Measurement;
  }
  const condition = parseCondition(p);
  const sortFields = parseOrderBy(p);
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  const offset = p.parseOptionalTokenAndInt('OFFSET');
  return withOptional({ kind: 'ShowMeasurements', database, sortFields, limit, offset }, { source, condition });
}

function showTagKeys(p: Parser): Statement {
  const database = p.accept('ON') ? p.parseIdent() : '';
  const sources = p.accept('FROM') ? parseSources(p, false) : undefined;
  const condition = parseCondition(p);
  const sortFields = parseOrderBy(p);
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  const offset = p.parseOptionalTokenAndInt('OFFSET');
  const slimit = p.parseOptionalTokenAndInt('SLIMIT');
  const soffset = p.parseOptionalTokenAndInt('SOFFSET');
  return withOptional({ kind: 'ShowTagKeys', database, sortFields, limit, offset, slimit, soffset }, { sources, condition });
}

function showTagValues(p: Parser): Statement {
  const first = p.scanIgnoreWhitespace();
  if (first.tok === 'EXACT') return cardinality(p, 'TAG VALUES', true);
  if (first.tok === 'CARDINALITY') return cardinality(p, 'TAG VALUES', false, true);
  p.unscan();
  const database = p.accept('ON') ? p.parseIdent() : '';
  const sources = p.accept('FROM') ? parseSources(p, false) : undefined;
  const { op, tagKeyExpr } = parseTagKeyExpr(p);
  const condition = parseCondition(p);
  const sortFields = parseOrderBy(p);
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  const offset = p.parseOptionalTokenAndInt('OFFSET');
  return withOptional({ kind: 'ShowTagValues', database, op, tagKeyExpr, sortFields, limit, offset }, { sources, condition });
}

function parseTagKeyExpr(p: Parser): { op: '=' | '!=' | '=~' | '!~' | 'IN'; tagKeyExpr: Expr } {
  p.expectTokens('WITH', 'KEY');
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'IN') {
    const lp = p.scanIgnoreWhitespace();
    if (lp.tok !== '(') throw expected(lp, ['(']);
    const vals = p.parseIdentList();
    const rp = p.scanIgnoreWhitespace();
    if (rp.tok !== ')') throw expected(rp, [')']);
    return { op: 'IN', tagKeyExpr: { type: 'List', vals } };
  }
  if (t.tok === '=' || t.tok === '!=') return { op: t.tok, tagKeyExpr: { type: 'String', val: p.parseIdent() } };
  if (t.tok === '=~' || t.tok === '!~') {
    const re = p.parseRegex();
    if (!re) throw expected(p.scanIgnoreWhitespace(), ['regex']);
    return { op: t.tok, tagKeyExpr: re };
  }
  throw expected(t, ['IN', '=', '=~']);
}

function showFieldKeys(p: Parser): Statement {
  const database = p.accept('ON') ? p.parseIdent() : '';
  const sources = p.accept('FROM') ? parseSources(p, false) : undefined;
  const sortFields = parseOrderBy(p);
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  const offset = p.parseOptionalTokenAndInt('OFFSET');
  return withOptional({ kind: 'ShowFieldKeys', database, sortFields, limit, offset }, { sources });
}

function showSeries(p: Parser): Statement {
  const exact = p.accept('EXACT');
  if (p.accept('CARDINALITY')) return cardinality(p, 'SERIES', exact, true);
  const database = p.accept('ON') ? p.parseIdent() : '';
  const sources = p.accept('FROM') ? parseSources(p, false) : undefined;
  const condition = parseCondition(p);
  const sortFields = parseOrderBy(p);
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  const offset = p.parseOptionalTokenAndInt('OFFSET');
  return withOptional({ kind: 'ShowSeries', database, sortFields, limit, offset }, { sources, condition });
}

/** SHOW ... [EXACT] CARDINALITY: parsed so that it answers as unsupported rather than as a syntax error. */
function cardinality(
  p: Parser,
  what: 'SERIES' | 'MEASUREMENT' | 'TAG KEY' | 'TAG VALUES' | 'FIELD KEY',
  exact = false,
  cardinalityRead = false,
): Statement {
  if (!cardinalityRead) {
    if (what !== 'SERIES' && p.accept('EXACT')) exact = true;
    const c = p.scanIgnoreWhitespace();
    if (c.tok !== 'CARDINALITY') throw expected(c, ['CARDINALITY']);
  } else if (exact && what !== 'SERIES') {
    const c = p.scanIgnoreWhitespace();
    if (c.tok !== 'CARDINALITY') throw expected(c, ['CARDINALITY']);
  }
  const database = p.accept('ON') ? p.parseIdent() : '';
  const sources = p.accept('FROM') ? parseSources(p, false) : undefined;
  const tagKey = what === 'TAG VALUES' ? parseTagKeyExpr(p) : undefined;
  const condition = parseCondition(p);
  const dimensions = parseDimensions(p);
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  const offset = p.parseOptionalTokenAndInt('OFFSET');
  return withOptional(
    { kind: 'ShowCardinality', what, exact, database, dimensions, limit, offset },
    { sources, condition, op: tagKey?.op, tagKeyExpr: tagKey?.tagKeyExpr },
  );
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
  const t = p.scanIgnoreWhitespace();
  if (t.tok !== 'SELECT') throw expected(t, ['SELECT']);
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

function grant(p: Parser): Statement {
  const privilege = parsePrivilege(p);
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'ON') {
    const on = p.parseIdent();
    const to = p.scanIgnoreWhitespace();
    if (to.tok !== 'TO') throw expected(to, ['TO']);
    return { kind: 'Grant', privilege, on, user: p.parseIdent() };
  }
  if (t.tok === 'TO' && privilege === 'ALL PRIVILEGES') return { kind: 'GrantAdmin', user: p.parseIdent() };
  if (t.tok === 'TO') throw expected(t, ['ON']);
  throw expected(t, privilege === 'ALL PRIVILEGES' ? ['ON', 'TO'] : ['ON']);
}

function revoke(p: Parser): Statement {
  const privilege = parsePrivilege(p);
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'ON') {
    const on = p.parseIdent();
    const from = p.scanIgnoreWhitespace();
    if (from.tok !== 'FROM') throw expected(from, ['FROM']);
    return { kind: 'Revoke', privilege, on, user: p.parseIdent() };
  }
  if (t.tok === 'FROM' && privilege === 'ALL PRIVILEGES') return { kind: 'RevokeAdmin', user: p.parseIdent() };
  if (t.tok === 'FROM') throw expected(t, ['ON']);
  throw expected(t, privilege === 'ALL PRIVILEGES' ? ['ON', 'FROM'] : ['ON']);
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
  const eq = p.scanIgnoreWhitespace();
  if (eq.tok !== '=') throw expected(eq, ['=']);
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
    const d = p.scanIgnoreWhitespace();
    if (d.tok !== 'DURATION') throw expected(d, ['DURATION']);
    stmt.rpShardDuration = p.parseDurationValue();
  }
  if (p.accept('NAME')) stmt.rpName = p.parseIdent();
  return stmt;
}

function shardDuration(p: Parser): bigint {
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'INF') throw messageAt('invalid duration INF for shard duration', t.pos);
  p.unscan();
  return p.parseDurationValue();
}

function createRetentionPolicy(p: Parser): Statement {
  const { name, database } = nameOn(p);
  const d = p.scanIgnoreWhitespace();
  if (d.tok !== 'DURATION') throw expected(d, ['DURATION']);
  const duration = p.parseDurationValue();
  const r = p.scanIgnoreWhitespace();
  if (r.tok !== 'REPLICATION') throw expected(r, ['REPLICATION']);
  const replication = p.parseInt(1, 2 ** 31 - 1);
  let shard = 0n;
  if (p.accept('SHARD')) {
    const sd = p.scanIgnoreWhitespace();
    if (sd.tok !== 'DURATION') throw expected(sd, ['DURATION']);
    shard = shardDuration(p);
  }
  const isDefault = p.accept('DEFAULT');
  return { kind: 'CreateRetentionPolicy', name, database, duration, replication, shardDuration: shard, isDefault };
}

function alterRetentionPolicy(p: Parser): Statement {
  const t = p.scanIgnoreWhitespace();
  let name: string;
  if (t.tok === 'DEFAULT') name = 'default';
  else if (t.tok === 'IDENT') name = t.lit;
  else throw expected(t, ['identifier']);
  const on = p.scanIgnoreWhitespace();
  if (on.tok !== 'ON') throw expected(on, ['ON']);
  const stmt: Extract<Statement, { kind: 'AlterRetentionPolicy' }> = {
    kind: 'AlterRetentionPolicy', name, database: p.parseIdent(), isDefault: false,
  };
  const found = new Set<string>();
  for (;;) {
    const o = p.scanIgnoreWhitespace();
    if (found.has(o.tok)) throw messageAt(`found duplicate ${o.tok} option`, o.pos);
    if (o.tok === 'DURATION') stmt.duration = p.parseDurationValue();
    else if (o.tok === 'REPLICATION') stmt.replication = p.parseInt(1, 2 ** 31 - 1);
    else if (o.tok === 'SHARD') {
      const d = p.scanIgnoreWhitespace();
      if (d.tok !== 'DURATION') throw expected(d, ['DURATION']);
      stmt.shardDuration = shardDuration(p);
    } else if (o.tok === 'DEFAULT') stmt.isDefault = true;
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

function createSubscription(p: Parser): Statement {
  const name = p.parseIdent();
  const on = p.scanIgnoreWhitespace();
  if (on.tok !== 'ON') throw expected(on, ['ON']);
  const database = p.parseIdent();
  const dot = p.scan();
  if (dot.tok !== '.') throw expected(dot, ['.']);
  const retentionPolicy = p.parseIdent();
  p.expectTokens('DESTINATIONS');
  const mode = p.scanIgnoreWhitespace();
  if (mode.tok !== 'ANY' && mode.tok !== 'ALL') throw expected(mode, ['ALL', 'ANY']);
  const destinations = [p.parseString()];
  while (p.accept(',')) destinations.push(p.parseString());
  return { kind: 'CreateSubscription', name, database, retentionPolicy, destinations, mode: mode.tok };
}

function dropSubscription(p: Parser): Statement {
  const name = p.parseIdent();
  const on = p.scanIgnoreWhitespace();
  if (on.tok !== 'ON') throw expected(on, ['ON']);
  const database = p.parseIdent();
  const dot = p.scan();
  if (dot.tok !== '.') throw expected(dot, ['.']);
  return { kind: 'DropSubscription', name, database, retentionPolicy: p.parseIdent() };
}

/** Sets only the optional properties that have a value (exactOptionalPropertyTypes). */
function withOptional<T extends object>(base: T, optional: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) out[k] = v;
  return out as T;
}
