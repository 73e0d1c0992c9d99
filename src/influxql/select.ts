// The SELECT grammar of influxd 1.x: fields with aliases, INTO, FROM (measurements, regexes,
// subqueries), WHERE, GROUP BY, fill(), ORDER BY, LIMIT/OFFSET/SLIMIT/SOFFSET and tz(). Pure.
import type { Expr, Field, FillOption, Measurement, SelectStatement, SortField, Source } from './ast.ts';
import { expected, plain, type Parser } from './parser.ts';

const WHERE_ONLY = new Set(['=', '!=', '=~', '!~', '<', '<=', '>', '>=', 'AND', 'OR']);

/** After SELECT (also inside FROM ( ... )). */
export function parseSelect(p: Parser): SelectStatement {
  const fields = parseFields(p);
  const into = parseTarget(p);
  p.expectTokens('FROM');
  const stmt: SelectStatement = {
    kind: 'Select',
    fields,
    sources: parseSources(p, true),
    dimensions: [],
    fill: 'null',
    sortFields: [],
    limit: 0,
    offset: 0,
    slimit: 0,
    soffset: 0,
  };
  if (into) stmt.target = into;
  const condition = parseCondition(p);
  if (condition) stmt.condition = condition;
  stmt.dimensions = parseDimensions(p);
  const [fill, fillValue] = parseFill(p);
  stmt.fill = fill;
  if (fillValue !== undefined) stmt.fillValue = fillValue;
  stmt.sortFields = parseOrderBy(p);
  stmt.limit = p.parseOptionalTokenAndInt('LIMIT');
  stmt.offset = p.parseOptionalTokenAndInt('OFFSET');
  stmt.slimit = p.parseOptionalTokenAndInt('SLIMIT');
  stmt.soffset = p.parseOptionalTokenAndInt('SOFFSET');
  const location = parseLocation(p);
  if (location !== undefined) stmt.location = location;
  return stmt;
}

function parseFields(p: Parser): Field[] {
  const fields: Field[] = [];
  for (;;) {
    fields.push(parseField(p));
    if (p.scan().tok !== ',') {
      p.unscan();
      return fields;
    }
  }
}

function parseField(p: Parser): Field {
  let expr: Expr | undefined = p.parseRegex();
  if (!expr) {
    const { pos } = p.scanIgnoreWhitespace();
    p.unscan();
    expr = p.parseExpr();
    const bad = whereOperator(expr);
    if (bad) {
      throw plain(
        `invalid operator ${bad} in SELECT clause at line ${pos.line + 1}, char ${pos.char + 1}; operator is intended for WHERE clause`,
      );
    }
  }
  let alias = '';
  if (p.accept('AS')) alias = p.parseIdent();
  p.consumeWhitespace();
  return { expr, alias };
}

/** The first comparison or logical operator in a field expression (depth-first, as influxd walks it). */
function whereOperator(e: Expr): string | undefined {
  switch (e.type) {
    case 'Binary':
      if (WHERE_ONLY.has(e.op)) return e.op;
      return whereOperator(e.lhs) ?? whereOperator(e.rhs);
    case 'Paren':
      return whereOperator(e.expr);
    case 'Call':
      for (const a of e.args) {
        const bad = whereOperator(a);
        if (bad) return bad;
      }
      return undefined;
    default:
      return undefined;
  }
}

function parseTarget(p: Parser): Measurement | undefined {
  const t = p.scanIgnoreWhitespace();
  if (t.tok !== 'INTO') {
    p.unscan();
    return undefined;
  }
  const idents = p.parseSegmentedIdents();
  // `INTO db.rp.:MEASUREMENT` keeps each source's name.
  if (idents.length < 3 && p.peekRune() === ':') {
    p.expectTokens(':', 'MEASUREMENT');
    idents.push('');
  }
  const m: Measurement = { type: 'Measurement', database: '', retentionPolicy: '', name: '' };
  if (idents.length === 3) [m.database, m.retentionPolicy, m.name] = idents as [string, string, string];
  else if (idents.length === 2) [m.retentionPolicy, m.name] = idents as [string, string];
  else m.name = idents[0] as string;
  return m;
}

export function parseSources(p: Parser, subqueries: boolean): Source[] {
  const sources: Source[] = [];
  for (;;) {
    sources.push(parseSource(p, subqueries));
    if (!p.accept(',')) return sources;
  }
}

export function parseSource(p: Parser, subqueries: boolean): Measurement | Source {
  const m: Measurement = { type: 'Measurement', database: '', retentionPolicy: '', name: '' };
  const re = p.parseRegex();
  if (re) return { ...m, regex: re };
  if (subqueries) {
    if (p.scanIgnoreWhitespace().tok === '(') {
      p.expectTokens('SELECT');
      const statement = parseSelect(p);
      p.expectTokens(')');
      return { type: 'SubQuery', statement };
    }
    p.unscan();
  }
  const idents = p.parseSegmentedIdents();
  if (idents.length === 3) {
    [m.database, m.retentionPolicy, m.name] = idents as [string, string, string];
    return m;
  }
  const tail = p.parseRegex();
  if (tail) m.regex = tail;
  if (idents.length === 1) {
    if (tail) m.retentionPolicy = idents[0] as string;
    else m.name = idents[0] as string;
  } else if (tail) {
    [m.database, m.retentionPolicy] = idents as [string, string];
  } else {
    [m.retentionPolicy, m.name] = idents as [string, string];
  }
  return m;
}

export function parseCondition(p: Parser): Expr | undefined {
  if (!p.accept('WHERE')) return undefined;
  return p.parseExpr();
}

export function parseDimensions(p: Parser): Expr[] {
  if (!p.accept('GROUP')) return [];
  p.expectTokens('BY');
  const dims: Expr[] = [];
  for (;;) {
    const re = p.parseRegex();
    if (re) {
      dims.push(re);
    } else {
      dims.push(p.parseExpr());
      p.consumeWhitespace();
    }
    if (p.scan().tok !== ',') {
      p.unscan();
      return dims;
    }
  }
}

function parseFill(p: Parser): [FillOption, number | bigint | undefined] {
  const t = p.scanIgnoreWhitespace();
  p.unscan();
  if (t.tok !== 'IDENT' || t.lit.toLowerCase() !== 'fill') return ['null', undefined];
  const expr = p.parseExpr();
  if (expr.type !== 'Call') throw plain('fill must be a function call');
  if (expr.args.length !== 1) throw plain('fill requires an argument, e.g.: 0, null, none, previous, linear');
  const arg = expr.args[0] as Expr;
  if (arg.type === 'VarRef' && !arg.dataType && ['null', 'none', 'previous', 'linear'].includes(arg.val)) {
    return [arg.val as FillOption, undefined];
  }
  if (arg.type === 'Integer' || arg.type === 'Number') return ['number', arg.val];
  throw plain('expected number argument in fill()');
}

function parseLocation(p: Parser): string | undefined {
  const t = p.scanIgnoreWhitespace();
  p.unscan();
  if (t.tok !== 'IDENT' || t.lit.toLowerCase() !== 'tz') return undefined;
  const expr = p.parseExpr();
  if (expr.type !== 'Call') throw plain('tz must be a function call');
  if (expr.args.length !== 1) throw plain('tz requires exactly one argument');
  const arg = expr.args[0] as Expr;
  if (arg.type !== 'String') throw plain('expected string argument in tz()');
  if (!isTimeZone(arg.val)) throw plain(`unable to find time zone ${arg.val}`);
  return arg.val;
}

/** Go's time.LoadLocation accepts "" and "UTC" as UTC, and IANA names. */
function isTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.includes('/') || /^[A-Z]{3,5}\d?([A-Z]{3})?$/.test(name);
  } catch {
    return false;
  }
}

export function parseOrderBy(p: Parser): SortField[] {
  if (!p.accept('ORDER')) return [];
  p.expectTokens('BY');
  const fields: SortField[] = [];
  const t = p.scanIgnoreWhitespace();
  if (t.tok === 'ASC' || t.tok === 'DESC') {
    fields.push({ name: '', ascending: t.tok === 'ASC' });
  } else if (t.tok === 'IDENT') {
    p.unscan();
    const field = parseSortField(p);
    if (t.lit !== 'time') throw plain('only ORDER BY time supported at this time');
    fields.push(field);
  } else {
    throw expected(t, ['identifier', 'ASC', 'DESC']);
  }
  while (p.accept(',')) fields.push(parseSortField(p));
  if (fields.length > 1) throw plain('only ORDER BY time supported at this time');
  return fields;
}

function parseSortField(p: Parser): SortField {
  const name = p.parseIdent();
  const t = p.scanIgnoreWhitespace();
  if (t.tok !== 'ASC' && t.tok !== 'DESC') {
    p.unscan();
    return { name, ascending: true };
  }
  return { name, ascending: t.tok === 'ASC' };
}

