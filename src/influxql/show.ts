// The SHOW statements of influxd 1.x that read one database (MEASUREMENTS, TAG KEYS/VALUES, FIELD KEYS,
// SERIES and the CARDINALITY forms), with the clauses they share. Pure.
import type { Expr, Measurement, Statement } from './ast.ts';
import { expected, type Parser } from './parser.ts';
import { parseCondition, parseDimensions, parseOrderBy, parseSource, parseSources } from './select.ts';

/** `ON db`, or '' for the query's default database. */
function onDatabase(p: Parser): string {
  return p.accept('ON') ? p.parseIdent() : '';
}

function fromSources(p: Parser): Measurement[] | undefined {
  return p.accept('FROM') ? (parseSources(p, false) as Measurement[]) : undefined;
}

function limitOffset(p: Parser): { limit: number; offset: number } {
  const limit = p.parseOptionalTokenAndInt('LIMIT');
  return { limit, offset: p.parseOptionalTokenAndInt('OFFSET') };
}

/** ORDER BY, LIMIT and OFFSET, in that order. */
function sortedPage(p: Parser): { sortFields: ReturnType<typeof parseOrderBy>; limit: number; offset: number } {
  const sortFields = parseOrderBy(p);
  return { sortFields, ...limitOffset(p) };
}

export function showMeasurements(p: Parser): Statement {
  const database = onDatabase(p);
  let source: Measurement | undefined;
  if (p.accept('WITH')) {
    p.expectTokens('MEASUREMENT');
    const op = p.scanIgnoreWhitespace();
    if (op.tok !== '=' && op.tok !== '=~') throw expected(op, ['=', '=~']);
    source = parseSource(p, false) as Measurement;
  }
  const condition = parseCondition(p);
  return withOptional({ kind: 'ShowMeasurements', database, ...sortedPage(p) }, { source, condition });
}

export function showTagKeys(p: Parser): Statement {
  const database = onDatabase(p);
  const sources = fromSources(p);
  const condition = parseCondition(p);
  const page = sortedPage(p);
  const slimit = p.parseOptionalTokenAndInt('SLIMIT');
  const soffset = p.parseOptionalTokenAndInt('SOFFSET');
  return withOptional({ kind: 'ShowTagKeys', database, ...page, slimit, soffset }, { sources, condition });
}

export function showTagValues(p: Parser): Statement {
  const first = p.scanIgnoreWhitespace();
  if (first.tok === 'EXACT') return cardinality(p, 'TAG VALUES', true);
  if (first.tok === 'CARDINALITY') return cardinality(p, 'TAG VALUES', false, true);
  p.unscan();
  const database = onDatabase(p);
  const sources = fromSources(p);
  const { op, tagKeyExpr } = parseTagKeyExpr(p);
  const condition = parseCondition(p);
  return withOptional({ kind: 'ShowTagValues', database, op, tagKeyExpr, ...sortedPage(p) }, { sources, condition });
}

function parseTagKeyExpr(p: Parser): { op: '=' | '!=' | '=~' | '!~' | 'IN'; tagKeyExpr: Expr } {
  p.expectTokens('WITH', 'KEY');
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'IN') {
    p.expectTokens('(');
    const vals = p.parseIdentList();
    p.expectTokens(')');
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

export function showFieldKeys(p: Parser): Statement {
  const database = onDatabase(p);
  const sources = fromSources(p);
  return withOptional({ kind: 'ShowFieldKeys', database, ...sortedPage(p) }, { sources });
}

export function showSeries(p: Parser): Statement {
  const exact = p.accept('EXACT');
  if (p.accept('CARDINALITY')) return cardinality(p, 'SERIES', exact, true);
  const database = onDatabase(p);
  const sources = fromSources(p);
  const condition = parseCondition(p);
  return withOptional({ kind: 'ShowSeries', database, ...sortedPage(p) }, { sources, condition });
}

/** SHOW ... [EXACT] CARDINALITY: parsed so that it answers as unsupported rather than as a syntax error. */
export function cardinality(
  p: Parser,
  what: 'SERIES' | 'MEASUREMENT' | 'TAG KEY' | 'TAG VALUES' | 'FIELD KEY',
  exact = false,
  cardinalityRead = false,
): Statement {
  if (!cardinalityRead) {
    if (what !== 'SERIES' && p.accept('EXACT')) exact = true;
    p.expectTokens('CARDINALITY');
  } else if (exact && what !== 'SERIES') {
    p.expectTokens('CARDINALITY');
  }
  const database = onDatabase(p);
  const sources = fromSources(p);
  const tagKey = what === 'TAG VALUES' ? parseTagKeyExpr(p) : undefined;
  const condition = parseCondition(p);
  const dimensions = parseDimensions(p);
  return withOptional(
    { kind: 'ShowCardinality', what, exact, database, dimensions, ...limitOffset(p) },
    { sources, condition, op: tagKey?.op, tagKeyExpr: tagKey?.tagKeyExpr },
  );
}

/** Sets only the optional properties that have a value (exactOptionalPropertyTypes). */
export function withOptional<T extends object>(base: T, optional: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) out[k] = v;
  return out as T;
}
