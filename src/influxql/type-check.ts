// influxd 1.6's type check of SELECT fields (query/select.go validateTypes over influxql's TypeValuerEval):
// once each name has the type the queried shards give it, every binary expression in a field must have a
// result type, else the statement fails with `type error: <expr>: incompatible types: <l> and <r>`. Only
// fields are checked; WHERE is not (there an incompatible operation is simply false). Pure.
import type { DataType, Expr } from './ast.ts';
import { exprString } from './format.ts';
import { reduceLiterals } from './reduce.ts';
import { StatementError } from './time-range.ts';

/** A resolved type; undefined is influxd's Unknown (a name no queried shard knows). */
export type FieldDataType = Exclude<DataType, 'field'>;
type T = FieldDataType | undefined;

// influxql.DataType's numbering, which its precedence rule (LessThan) reads.
const CODE: Record<FieldDataType, number> = { float: 1, integer: 2, string: 3, boolean: 4, tag: 7, unsigned: 9 };

/** influxql's DataType.LessThan: whether `other` takes precedence over `d` (float > integer > unsigned > string > boolean > tag). */
export function lessThan(d: T, other: T): boolean {
  if (d === undefined) return true;
  if (other === undefined) return false;
  if (d === 'unsigned') return CODE[other] <= CODE.integer;
  if (other === 'unsigned') return CODE[d] >= CODE.string;
  return CODE[other] < CODE[d];
}

// query/functions.go (CallTypeMapper, FunctionTypeMapper): the result type of each function.
const FLOAT_CALLS = new Set(['mean', 'median', 'integral', 'stddev', 'derivative', 'non_negative_derivative', 'moving_average',
  'exponential_moving_average', 'double_exponential_moving_average', 'triple_exponential_moving_average',
  'relative_strength_index', 'triple_exponential_derivative', 'kaufmans_efficiency_ratio', 'kaufmans_adaptive_moving_average',
  'chande_momentum_oscillator', 'holt_winters', 'holt_winters_with_fit']);
const INTEGER_CALLS = new Set(['count', 'elapsed']);

const isLiteral = (e: Expr) => ['Number', 'Integer', 'Unsigned', 'String', 'Boolean', 'Duration', 'Regex'].includes(e.type);

/**
 * The type of a binary operation as influxql finds it: by evaluating the operator on the two types' zero
 * values (a tag's is ''), so it is undefined exactly where that evaluation gives nil.
 */
function binaryType(op: string, l: FieldDataType, r: FieldDataType): T {
  const comparison = ['=', '!=', '<', '<=', '>', '>='].includes(op);
  const lhs = l === 'tag' ? 'string' : l;
  const rhs = r === 'tag' ? 'string' : r;
  const numeric = (t: string) => t === 'float' || t === 'integer' || t === 'unsigned';
  switch (lhs) {
    case 'boolean':
      // `ok && ...` in Go: a boolean for any right side.
      if (['AND', 'OR', '&', '|', '^', '=', '!='].includes(op)) return 'boolean';
      break;
    case 'float':
      if (comparison) return 'boolean';
      if (['+', '-', '*', '/', '%'].includes(op) && numeric(rhs)) return 'float';
      break;
    case 'integer':
    case 'unsigned': {
      if (!numeric(rhs)) break;
      if (comparison) return 'boolean';
      if (rhs === 'float') return ['+', '-', '*', '/', '%'].includes(op) ? 'float' : undefined;
      if (['+', '-', '*', '/', '%', '&', '|', '^'].includes(op)) return lhs === 'unsigned' || rhs === 'unsigned' ? 'unsigned' : 'integer';
      break;
    }
    case 'string':
      if (['=', '!=', '=~', '!~'].includes(op)) return 'boolean';
      break;
  }
  return comparison ? 'boolean' : undefined;
}

/** Parentheses around anything but a binary expression go, as influxql.Reduce drops them (the error prints the reduced field). */
function unwrap(e: Expr): Expr {
  if (e.type === 'Paren') {
    const inner = unwrap(e.expr);
    return inner.type === 'Binary' ? { type: 'Paren', expr: inner } : inner;
  }
  if (e.type === 'Binary') return { ...e, lhs: unwrap(e.lhs), rhs: unwrap(e.rhs) };
  if (e.type === 'Call') return { ...e, args: e.args.map(unwrap) };
  return e;
}

/** Names typed as RewriteFields types them: an explicit cast stays, `::field` stays unless a field type is found. */
function typed(e: Expr, mapType: (name: string) => T): Expr {
  switch (e.type) {
    case 'VarRef': {
      if (e.dataType && e.dataType !== 'field') return e;
      const t = mapType(e.val);
      if (e.dataType === 'field' && t === 'tag') return e;
      const { dataType: _, ...ref } = e;
      return t === undefined ? ref : { ...ref, dataType: t };
    }
    case 'Binary':
      return { ...e, lhs: typed(e.lhs, mapType), rhs: typed(e.rhs, mapType) };
    case 'Paren':
      return { ...e, expr: typed(e.expr, mapType) };
    case 'Call':
      return { ...e, args: e.args.map((a) => typed(a, mapType)) };
    default:
      return e;
  }
}

function evalType(e: Expr): T {
  switch (e.type) {
    case 'VarRef':
      return e.dataType === 'field' ? undefined : e.dataType;
    case 'Number':
      return 'float';
    case 'Integer':
      return 'integer';
    case 'Unsigned':
      return 'unsigned';
    case 'String':
      return 'string';
    case 'Boolean':
      return 'boolean';
    case 'Paren':
      return evalType(e.expr);
    case 'Call': {
      const args = e.args.map(evalType);
      if (FLOAT_CALLS.has(e.name)) return 'float';
      if (INTEGER_CALLS.has(e.name)) return 'integer';
      return args[0];
    }
    case 'Binary': {
      const l = evalType(e.lhs);
      const r = evalType(e.rhs);
      const fail = (message: string) => new StatementError(`type error: ${exprString(e)}: ${message}`);
      if (l === 'unsigned' && r === 'integer') {
        if (isLiteral(e.lhs)) throw fail(`cannot use ${e.op} with an integer and unsigned literal`);
        if (!isLiteral(e.rhs)) throw fail(`cannot use ${e.op} between an integer and unsigned, an explicit cast is required`);
      } else if (l === 'integer' && r === 'unsigned') {
        if (isLiteral(e.rhs)) throw fail(`cannot use ${e.op} with an integer and unsigned literal`);
        if (!isLiteral(e.lhs)) throw fail(`cannot use ${e.op} between an integer and unsigned, an explicit cast is required`);
      }
      if (l === undefined) return r;
      if (r === undefined) return l;
      const t = binaryType(e.op, l, r);
      if (t === undefined) throw fail(`incompatible types: ${l} and ${r}`);
      return t;
    }
    default:
      return undefined;
  }
}

/**
 * Checks the fields of a SELECT (without `time`) in order; `mapType` gives a name's type in the queried
 * shards. Throws the first type error as influxd words it.
 */
export function checkFieldTypes(fields: Expr[], mapType: (name: string) => T): void {
  for (const f of fields) evalType(typed(unwrap(reduceLiterals(f)), mapType));
}

/** Whether a field can fail the check at all (only binary expressions can): callers skip the shard lookup otherwise. */
export function mayFailTypeCheck(fields: Expr[]): boolean {
  const has = (e: Expr): boolean =>
    e.type === 'Binary' || (e.type === 'Paren' && has(e.expr)) || (e.type === 'Call' && e.args.some(has));
  return fields.some(has);
}
