// A SELECT's WHERE (its time comparisons taken out) as influxd 1.6 applies it to series and rows: the
// index rules out series by their tags, the storage engine then tests rows, reading only the fields the
// condition names where influxql's ExprNames finds them, and passing an arithmetic leaf it cannot judge.
import type { Expr } from './ast.ts';
import { evaluate, truthy, type RowContext } from './values.ts';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '&', '|', '^']);

/** Whether a name in a condition reads a field: `::tag` never, another `::type` always, else when the measurement has that field. */
export type IsField = (ref: Extract<Expr, { type: 'VarRef' }>) => boolean;

/**
 * The fields a row test can read (influxql's walkRefs): names under comparisons and parentheses, and only
 * direct arguments of calls, so `floor(value + 1)` reads nothing and is null unless `value` is named elsewhere.
 */
export function conditionRefs(e: Expr | undefined, out = new Set<string>()): Set<string> {
  if (!e) return out;
  if (e.type === 'VarRef') out.add(e.val);
  else if (e.type === 'Paren') conditionRefs(e.expr, out);
  else if (e.type === 'Binary') {
    conditionRefs(e.lhs, out);
    conditionRefs(e.rhs, out);
  } else if (e.type === 'Call') {
    for (const a of e.args) {
      const arg = unparen(a);
      if (arg.type === 'VarRef') out.add(arg.val);
    }
  }
  return out;
}

// influxql's Reduce drops parentheses around anything but a binary expression.
const unparen = (e: Expr): Expr => (e.type === 'Paren' && e.expr.type !== 'Binary' ? unparen(e.expr) : e);

/** A row context whose fields are only those `refs` names (what the engine's condition cursors read). */
export function readingOnly(row: RowContext, refs: Set<string>): RowContext {
  return { ...row, field: (k) => (refs.has(k) ? row.field(k) : null) };
}

/**
 * An arithmetic or bitwise leaf (`value + 1`, `ok ^ true`): influxd's index refuses every series when it
 * reads as a tag against a string, regex or other tag (tsdb/index.go seriesByBinaryExprIterator), and
 * otherwise its storage engine keeps every row, whatever the leaf's value (checked on influxd 1.6.7).
 */
export function arithmeticLeaf(e: Expr, isField: IsField): boolean | undefined {
  if (e.type !== 'Binary' || !ARITHMETIC.has(e.op)) return undefined;
  if (e.lhs.type === 'Binary' || e.rhs.type === 'Binary') return true;
  const [key, other] = e.lhs.type === 'VarRef' ? [e.lhs, e.rhs] : [e.rhs, e.lhs];
  if (key.type !== 'VarRef' || (key.val !== '_name' && isField(key))) return true;
  if (other.type === 'VarRef' && key.val !== '_name' && !key.dataType && isField(other)) return true;
  return !(other.type === 'String' || other.type === 'Regex' || other.type === 'VarRef');
}

/** Whether a row passes the condition. */
export function rowPasses(e: Expr, row: RowContext, isField: IsField): boolean {
  if (e.type === 'Paren') return rowPasses(e.expr, row, isField);
  if (e.type === 'Binary' && e.op === 'AND') return rowPasses(e.lhs, row, isField) && rowPasses(e.rhs, row, isField);
  if (e.type === 'Binary' && e.op === 'OR') return rowPasses(e.lhs, row, isField) || rowPasses(e.rhs, row, isField);
  return arithmeticLeaf(e, isField) ?? truthy(evaluate(e, row));
}
