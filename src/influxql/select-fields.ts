// The checks influxd 1.6 runs on a SELECT's fields, in its order (query/compile.go compileFields and
// validateFields): each field walked for calls, bare names and wildcards, each call's arguments checked,
// then the whole: top/bottom alone, distinct alone, other fields only beside one selector. Pure.
import type { Expr, Field } from './ast.ts';
import { AGGREGATES, SELECTORS } from './aggregates.ts';
import { exprString } from './format.ts';
import { reduceLiterals } from './reduce.ts';
import { StatementError } from './time-range.ts';

export interface CallSpec {
  key: string;
  name: string;
  field: string;
  /** percentile's N, top/bottom's count. */
  arg?: number;
  /** count(distinct(x)). */
  countDistinct?: boolean;
  /** top/bottom's tag (or field) arguments: one point per distinct combination of their values competes. */
  tags?: string[];
}

export interface CheckedFields {
  /** Every call once, in order of appearance. */
  calls: CallSpec[];
  /** Bare field or tag names beside the calls: their values come from the point a selector picked. */
  aux: boolean;
}

const SUPPORTED = [...AGGREGATES, ...SELECTORS].join(', ');
// influxd 1.6 knows these; the embedded engine does not run them.
const UNSUPPORTED = new Set(['derivative', 'non_negative_derivative', 'difference', 'non_negative_difference', 'moving_average',
  'cumulative_sum', 'elapsed', 'integral', 'sample', 'holt_winters', 'holt_winters_with_fit', 'abs', 'sqrt', 'floor', 'ceil',
  'round', 'pow', 'exp', 'ln', 'log', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'chande_momentum_oscillator', 'exponential_moving_average', 'double_exponential_moving_average', 'kaufmans_efficiency_ratio',
  'kaufmans_adaptive_moving_average', 'triple_exponential_moving_average', 'triple_exponential_derivative',
  'relative_strength_index']);
const LITERALS = new Set(['Number', 'Integer', 'Unsigned', 'String', 'Boolean', 'Duration', 'Regex', 'List']);

interface State {
  calls: CallSpec[];
  /** Calls counted with repeats, as influxd counts them. */
  callCount: number;
  aux: boolean;
  onlySelectors: boolean;
  topBottom?: string;
  distinct: boolean;
  limit: number;
}

/** Checks `fields` (without `time`) as influxd does; `limit` is the statement's LIMIT (top/bottom's N may not exceed it). */
export function checkFields(fields: Field[], limit: number): CheckedFields {
  const s: State = { calls: [], callCount: 0, aux: false, onlySelectors: true, distinct: false, limit };
  if (fields.length === 0) throw new StatementError('at least 1 non-time field must be queried');
  for (const f of fields) walk(reduceLiterals(f.expr), s, true);
  if (s.callCount > 1 && s.topBottom) throw new StatementError(`selector function ${s.topBottom}() cannot be combined with other functions`);
  if (s.distinct && (s.callCount !== 1 || s.aux)) {
    throw new StatementError('aggregate function distinct() cannot be combined with other functions or fields');
  }
  if (s.aux && s.callCount > 0) {
    if (!s.onlySelectors) throw new StatementError('mixing aggregate and non-aggregate queries is not supported');
    if (s.callCount > 1) throw new StatementError('mixing multiple selector functions with tags or fields is not supported');
  }
  return { calls: s.calls, aux: s.aux };
}

function walk(e: Expr, s: State, allowWildcard: boolean): void {
  switch (e.type) {
    case 'VarRef':
      s.aux = true;
      return;
    case 'Wildcard':
    case 'Regex':
      s.aux = true;
      if (!allowWildcard) throw new StatementError(`unable to use ${e.type === 'Regex' ? 'regex' : 'wildcard'} in a binary expression`);
      return;
    case 'Call':
      return call(e, s);
    case 'Distinct':
      return call({ type: 'Call', name: 'distinct', args: [{ type: 'VarRef', val: e.val }] }, s);
    case 'Binary': {
      const l = LITERALS.has(e.lhs.type);
      const r = LITERALS.has(e.rhs.type);
      if (l && r) throw new StatementError('cannot perform a binary expression on two literals');
      if (!l) walk(e.lhs, s, false);
      if (!r) walk(e.rhs, s, false);
      return;
    }
    case 'Paren':
      return walk(e.expr, s, allowWildcard);
    default:
      throw new StatementError('field must contain at least one variable');
  }
}

function add(s: State, spec: CallSpec): void {
  if (!s.calls.some((c) => c.key === spec.key)) s.calls.push(spec);
}

function call(e: Extract<Expr, { type: 'Call' }>, s: State): void {
  const { name, args } = e;
  if (UNSUPPORTED.has(name)) throw new StatementError(`function ${name}() is not supported by the embedded engine (supported: ${SUPPORTED})`);
  s.callCount++;
  const key = exprString(e);
  if (name === 'top' || name === 'bottom') return topBottom(e, key, s);
  if (name === 'distinct') {
    s.distinct = true;
    s.onlySelectors = false;
    return add(s, { key, name, field: distinctField(args) });
  }
  if (name === 'percentile') {
    if (args.length !== 2) throw new StatementError(`invalid number of arguments for percentile, expected 2, got ${args.length}`);
    const n = args[1] as Expr;
    if (n.type !== 'Integer' && n.type !== 'Number') throw new StatementError('expected float argument in percentile()');
    return add(s, { key, name, field: symbol(name, args[0] as Expr, s), arg: Number(n.val) });
  }
  if (!AGGREGATES.has(name) && !SELECTORS.has(name)) throw new StatementError(`undefined function ${name}()`);
  if (AGGREGATES.has(name)) s.onlySelectors = false;
  if (args.length !== 1) throw new StatementError(`invalid number of arguments for ${name}, expected 1, got ${args.length}`);
  const first = args[0] as Expr;
  if (name === 'count' && ((first.type === 'Call' && first.name === 'distinct') || first.type === 'Distinct')) {
    const inner = first.type === 'Distinct' ? [{ type: 'VarRef' as const, val: first.val }] : first.args;
    return add(s, { key, name, field: distinctField(inner), countDistinct: true });
  }
  add(s, { key, name, field: symbol(name, first, s) });
}

function distinctField(args: Expr[]): string {
  if (args.length === 0) throw new StatementError('distinct function requires at least one argument');
  if (args.length !== 1) throw new StatementError('distinct function can only have one argument');
  const a = args[0] as Expr;
  if (a.type !== 'VarRef') throw new StatementError('expected field argument in distinct()');
  return a.val;
}

/** A call's field argument: a name; a wildcard or regex (influxd expands them) is not run here. */
function symbol(name: string, arg: Expr, s: State): string {
  if (arg.type === 'VarRef') return arg.val;
  if (arg.type === 'Wildcard' || arg.type === 'Regex') {
    s.onlySelectors = false;
    throw new StatementError(`${name}() of a wildcard or regex is not supported by the embedded engine; name the field`);
  }
  throw new StatementError(`expected field argument in ${name}()`);
}

function topBottom(e: Extract<Expr, { type: 'Call' }>, key: string, s: State): void {
  const { name, args } = e;
  if (s.topBottom) throw new StatementError(`selector function ${s.topBottom}() cannot be combined with other functions`);
  if (args.length < 2) throw new StatementError(`invalid number of arguments for ${name}, expected at least 2, got ${args.length}`);
  const n = args[args.length - 1] as Expr;
  if (n.type !== 'Integer') throw new StatementError(`expected integer as last argument in ${name}(), found ${exprString(n)}`);
  if (n.val <= 0n) throw new StatementError(`limit (${n.val}) in ${name} function must be at least 1`);
  if (s.limit > 0 && n.val > BigInt(s.limit)) {
    throw new StatementError(`limit (${n.val}) in ${name} function can not be larger than the LIMIT (${s.limit}) in the select statement`);
  }
  const first = args[0] as Expr;
  if (first.type !== 'VarRef') throw new StatementError(`expected first argument to be a field in ${name}(), found ${exprString(first)}`);
  const tags: string[] = [];
  for (const a of args.slice(1, -1)) {
    if (a.type !== 'VarRef') throw new StatementError(`only fields or tags are allowed in ${name}(), found ${exprString(a)}`);
    // influxd adds each as a field of its own, so the statement has auxiliary fields.
    s.aux = true;
    tags.push(a.val);
  }
  s.topBottom = name;
  add(s, { key, name, field: first.val, arg: Number(n.val), ...(tags.length ? { tags } : {}) });
}
