// Values of the InfluxQL evaluator and influxd 1.x's arithmetic and comparison rules on them: floats
// are numbers, integers bigint, a missing value null; comparisons with null are false. Pure.
import type { Expr } from './ast.ts';
import { exprString } from './format.ts';
import { mathCall } from './math.ts';

export type Value = number | bigint | string | boolean | null;

/** Where a row's names resolve: tags (strings, '' when absent in WHERE) and fields. */
export interface RowContext {
  tag(name: string): string | undefined;
  field(name: string): Value;
  /** The row's time, for `time` in expressions. */
  time: bigint;
  /** Results of calls in aggregate queries, keyed by the call's printed form. */
  call?(key: string): Value;
}

const isNum = (v: Value): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

export function arithmetic(op: string, l: Value, r: Value): Value {
  // influxql's Eval reads a missing value beside a boolean as false, and a bitwise operator on a boolean
  // and anything else as false (Go's `ok && ...`), not as nil.
  if (typeof l === 'boolean' || typeof r === 'boolean') {
    if (!['&', '|', '^'].includes(op)) return null;
    if (typeof l !== 'boolean') return l === null ? arithmetic(op, false, r) : null;
    if (r === null) r = false;
    if (typeof r !== 'boolean') return false;
    return op === '&' ? l && r : op === '|' ? l || r : l !== r;
  }
  if (l === null || r === null) return null;
  if (typeof l === 'bigint' && typeof r === 'bigint') {
    switch (op) {
      case '+': return BigInt.asIntN(64, l + r);
      case '-': return BigInt.asIntN(64, l - r);
      case '*': return BigInt.asIntN(64, l * r);
      // influxd divides integers as floats.
      case '/': return r === 0n ? 0 : Number(l) / Number(r);
      case '%': return r === 0n ? 0n : l % r;
      case '&': return l & r;
      case '|': return l | r;
      case '^': return l ^ r;
    }
    return null;
  }
  if (isNum(l) && isNum(r)) {
    const a = Number(l);
    const b = Number(r);
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? 0 : a / b;
      case '%': return b === 0 ? 0 : a % b;
    }
    return null;
  }
  // Strings only compare: influxql's Eval has no string arithmetic ('a' + 'b' folds only between literals, reduce.ts).
  return null;
}

export function compare(op: string, l: Value, r: Value): boolean {
  if (l === null || r === null) return false;
  // Two numbers (bigint and number compare by value with == and <) or two strings (by code unit).
  if ((isNum(l) && isNum(r)) || (typeof l === 'string' && typeof r === 'string')) {
    switch (op) {
      case '=': return l == r;
      case '!=': return l != r;
      case '<': return l < r;
      case '<=': return l <= r;
      case '>': return l > r;
      case '>=': return l >= r;
    }
    return false;
  }
  if (typeof l === 'boolean' && typeof r === 'boolean') {
    if (op === '=') return l === r;
    if (op === '!=') return l !== r;
  }
  return false;
}

/** Evaluates an expression on a row (tags and fields both resolvable, a tag first). */
export function evaluate(e: Expr, row: RowContext): Value {
  switch (e.type) {
    case 'VarRef': {
      if (e.val === 'time') return row.time;
      if (e.dataType === 'tag') return row.tag(e.val) ?? null;
      if (e.dataType) return cast(row.field(e.val), e.dataType);
      const t = row.tag(e.val);
      return t !== undefined ? t : row.field(e.val);
    }
    case 'Number':
    case 'Integer':
    case 'String':
    case 'Boolean':
      return e.val;
    case 'Unsigned':
      return e.val;
    case 'Duration':
      // A Go time.Duration in influxql's Eval, which no arithmetic or comparison on a row's values takes:
      // `value + 1h` is null and `n < 1h` false on influxd 1.6.7 (time bounds read durations elsewhere).
      return null;
    case 'Paren':
      return evaluate(e.expr, row);
    case 'Call':
      // Aggregate rows know their calls' results; elsewhere (WHERE) a call is one of influxd's math calls.
      return row.call ? row.call(callKey(e)) : (mathCall(e.name, e.args.map((a) => evaluate(a, row))) ?? null);
    case 'Binary':
      return evaluateBinary(e.op, e.lhs, e.rhs, row);
    default:
      return null;
  }
}

function evaluateBinary(op: string, lhs: Expr, rhs: Expr, row: RowContext): Value {
  if (op === 'AND') return truthy(evaluate(lhs, row)) && truthy(evaluate(rhs, row));
  if (op === 'OR') return truthy(evaluate(lhs, row)) || truthy(evaluate(rhs, row));
  if (op === '=~' || op === '!~') {
    const v = evaluate(lhs, row);
    if (rhs.type !== 'Regex' || typeof v !== 'string') return false;
    const hit = rhs.re.test(v);
    return op === '=~' ? hit : !hit;
  }
  const l = evaluate(lhs, row);
  const r = evaluate(rhs, row);
  if (['=', '!=', '<', '<=', '>', '>='].includes(op)) return compare(op, l, r);
  return arithmetic(op, l, r);
}

/**
 * A field read as `name::type`: influxd's storage casts floats and integers into each other and reads
 * nothing for any other mismatch (tsdb/engine/tsm1 buildCursor returns no cursor).
 */
function cast(v: Value, type: string): Value {
  if (v === null || type === 'field') return v;
  if (type === 'float') return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
  if (type === 'integer') return typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : null;
  if (type === 'string') return typeof v === 'string' ? v : null;
  if (type === 'boolean') return typeof v === 'boolean' ? v : null;
  return null;
}

export const truthy = (v: Value) => v === true;

/** The key a call's result is stored under: its printed form. */
export const callKey = (e: Expr) => exprString(e);
