// Planning of a SELECT, after influxd 1.x's validation: output columns and their names, the calls to
// compute (with their arguments checked), GROUP BY time/tags, fill; statement errors in influxd's words
// and, for what this engine does not run, errors that name the unsupported part. Pure.
import type { Expr, FillOption, SelectStatement } from './ast.ts';
import { AGGREGATES, MULTI_ROW, SELECTORS } from './aggregates.ts';
import { exprString } from './format.ts';
import { StatementError } from './time-range.ts';

export interface CallSpec {
  key: string;
  name: string;
  field: string;
  /** percentile's N, top/bottom's count. */
  arg?: number;
  /** count(distinct(x)). */
  countDistinct?: boolean;
}

export interface Column {
  name: string;
  expr: Expr;
}

export interface SelectPlan {
  aggregate: boolean;
  columns: Column[];
  calls: CallSpec[];
  /** distinct, top or bottom: the only call, giving several rows per group. */
  multiRow?: CallSpec;
  /** One selector without GROUP BY time: rows carry the selected point's time. */
  selectorTime: boolean;
  interval?: bigint;
  offset: bigint;
  /** Tag keys to group by; '*' for all of a measurement's. */
  tagDims: string[] | '*';
  fill: FillOption;
  fillValue?: number | bigint;
  /** tz(): buckets align to this zone's local time (its offset at the start of the range; DST changes inside a range are not followed). */
  location?: string;
}

const SUPPORTED = [...AGGREGATES, ...SELECTORS].join(', ');

/** Name of a column as influxd derives it: alias, call name, field name, or the names in an expression. */
function baseName(e: Expr): string {
  switch (e.type) {
    case 'Call':
      return e.name;
    case 'VarRef':
      return e.val;
    case 'Paren':
      return baseName(e.expr);
    case 'Binary':
      return names(e).join('_');
    default:
      return '';
  }
}

function names(e: Expr): string[] {
  if (e.type === 'VarRef') return [e.val];
  if (e.type === 'Call') return [e.name];
  if (e.type === 'Binary') return [...names(e.lhs), ...names(e.rhs)];
  if (e.type === 'Paren') return names(e.expr);
  return [];
}

/** Column names with influxd's de-duplication of derived (not aliased) names: value, value_1. */
export function columnNames(fields: { expr: Expr; alias: string }[]): string[] {
  const taken = new Map<string, number>();
  for (const f of fields) if (f.alias) taken.set(f.alias, 1);
  return fields.map((f) => {
    if (f.alias) return f.alias;
    const base = baseName(f.expr);
    const n = taken.get(base) ?? 0;
    taken.set(base, n + 1);
    if (n === 0) return base;
    let i = n;
    while (taken.has(`${base}_${i}`)) i++;
    taken.set(`${base}_${i}`, 1);
    return `${base}_${i}`;
  });
}

function collectCalls(e: Expr, out: Expr[]): void {
  if (e.type === 'Call') out.push(e);
  else if (e.type === 'Binary') {
    collectCalls(e.lhs, out);
    collectCalls(e.rhs, out);
  } else if (e.type === 'Paren') collectCalls(e.expr, out);
}

function hasVarRef(e: Expr): boolean {
  if (e.type === 'VarRef' || e.type === 'Wildcard' || e.type === 'Regex') return true;
  if (e.type === 'Binary') return hasVarRef(e.lhs) || hasVarRef(e.rhs);
  if (e.type === 'Paren') return hasVarRef(e.expr);
  return false;
}

function callSpec(call: Extract<Expr, { type: 'Call' }>): CallSpec {
  const { name, args } = call;
  if (!AGGREGATES.has(name) && !SELECTORS.has(name)) {
    if (['derivative', 'non_negative_derivative', 'difference', 'non_negative_difference', 'moving_average',
      'cumulative_sum', 'elapsed', 'integral', 'sample', 'holt_winters', 'holt_winters_with_fit', 'abs', 'sqrt',
      'floor', 'ceil', 'round', 'pow', 'exp', 'ln', 'log', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos',
      'atan', 'atan2', 'chande_momentum_oscillator', 'exponential_moving_average', 'double_exponential_moving_average',
      'kaufmans_efficiency_ratio', 'kaufmans_adaptive_moving_average', 'triple_exponential_moving_average',
      'triple_exponential_derivative', 'relative_strength_index'].includes(name)) {
      throw new StatementError(`function ${name}() is not supported by the embedded engine (supported: ${SUPPORTED})`);
    }
    throw new StatementError(`undefined function ${name}()`);
  }
  const want = name === 'percentile' ? 2 : 1;
  if (name === 'top' || name === 'bottom') {
    if (args.length < 2) throw new StatementError(`invalid number of arguments for ${name}, expected at least 2, got ${args.length}`);
    if (args.length > 2) throw new StatementError(`${name}() with tag arguments is not supported by the embedded engine`);
  } else if (args.length !== want) {
    throw new StatementError(`invalid number of arguments for ${name}, expected ${want}, got ${args.length}`);
  }
  const first = args[0] as Expr;
  const key = exprString(call);
  if (name === 'count' && first.type === 'Call' && first.name === 'distinct') {
    const inner = first.args[0];
    if (first.args.length !== 1 || inner?.type !== 'VarRef') throw new StatementError('expected field argument in distinct()');
    return { key, name, field: inner.val, countDistinct: true };
  }
  if (name === 'distinct' && first.type === 'Distinct') return { key, name, field: first.val };
  if (first.type === 'Wildcard' || first.type === 'Regex') {
    throw new StatementError(`${name}() of a wildcard or regex is not supported by the embedded engine; name the field`);
  }
  if (first.type !== 'VarRef') throw new StatementError(`expected field argument in ${name}()`);
  const spec: CallSpec = { key, name, field: first.val };
  if (name === 'percentile') {
    const n = args[1] as Expr;
    if (n.type !== 'Integer' && n.type !== 'Number') throw new StatementError(`expected float argument in percentile()`);
    spec.arg = Number(n.val);
  }
  if (name === 'top' || name === 'bottom') {
    const n = args[1] as Expr;
    if (n.type !== 'Integer') throw new StatementError(`expected integer as last argument in ${name}(), found ${exprString(n)}`);
    if (n.val <= 0n) throw new StatementError(`limit (${n.val}) in ${name} function must be at least 1`);
    spec.arg = Number(n.val);
  }
  return spec;
}

export function planSelect(stmt: SelectStatement): SelectPlan {
  if (stmt.target) throw new StatementError('SELECT ... INTO is not supported by the embedded engine');
  if (stmt.sources.some((s) => s.type === 'SubQuery')) throw new StatementError('subqueries are not supported by the embedded engine');
  const callExprs: Expr[] = [];
  for (const f of stmt.fields) collectCalls(f.expr, callExprs);
  const aggregate = callExprs.length > 0;
  let interval: bigint | undefined;
  let offset = 0n;
  let tagDims: string[] | '*' = [];
  for (const d of stmt.dimensions) {
    if (d.type === 'Call' && d.name === 'time') {
      const [i, o] = d.args;
      if (i?.type !== 'Duration') throw new StatementError('time dimension must have duration argument');
      if (interval !== undefined) throw new StatementError('multiple time dimensions not allowed');
      if (i.val <= 0n) throw new StatementError(`time dimension must be greater than zero`);
      interval = i.val;
      if (o) {
        if (o.type === 'Duration') offset = o.val;
        else if (o.type === 'Call' && o.name === 'now') throw new StatementError('GROUP BY time(..., now()) is not supported by the embedded engine');
        else throw new StatementError('time dimension offset must be duration or now()');
      }
    } else if (d.type === 'VarRef') {
      if (tagDims !== '*') tagDims.push(d.val);
    } else if (d.type === 'Wildcard') {
      tagDims = '*';
    } else if (d.type === 'Regex') {
      throw new StatementError('GROUP BY /regex/ is not supported by the embedded engine');
    } else {
      throw new StatementError(`only time and tag dimensions allowed`);
    }
  }
  if (!aggregate && interval !== undefined) throw new StatementError('GROUP BY requires at least one aggregate function');
  if (!aggregate && stmt.fill === 'none') throw new StatementError('fill(none) must be used with a function');
  const calls: CallSpec[] = [];
  const seen = new Set<string>();
  for (const c of callExprs) {
    if (c.type !== 'Call') continue;
    const spec = callSpec(c);
    if (!seen.has(spec.key)) {
      seen.add(spec.key);
      calls.push(spec);
    }
  }
  if (aggregate && stmt.fields.some((f) => hasVarRef(stripCalls(f.expr)))) {
    throw new StatementError('mixing aggregate and non-aggregate queries is not supported');
  }
  const multi = calls.find((c) => MULTI_ROW.has(c.name));
  if (multi && (calls.length > 1 || stmt.fields.length > 1 || stmt.fields[0]?.expr.type !== 'Call')) {
    throw new StatementError(
      multi.name === 'distinct'
        ? 'aggregate function distinct() cannot be combined with other functions or fields'
        : `selector function ${multi.name}() cannot be combined with other functions`,
    );
  }
  const names = columnNames(stmt.fields);
  const plan: SelectPlan = {
    aggregate,
    columns: stmt.fields.map((f, i) => ({ name: names[i] as string, expr: f.expr })),
    calls,
    selectorTime: interval === undefined && calls.length === 1 && SELECTORS.has((calls[0] as CallSpec).name),
    offset,
    tagDims,
    fill: stmt.fill,
  };
  if (multi) plan.multiRow = multi;
  if (interval !== undefined) plan.interval = interval;
  if (stmt.fillValue !== undefined) plan.fillValue = stmt.fillValue;
  if (stmt.location) plan.location = stmt.location;
  return plan;
}

/** The expression with calls removed, to find fields used outside any call. */
function stripCalls(e: Expr): Expr {
  if (e.type === 'Call') return { type: 'Integer', val: 0n };
  if (e.type === 'Binary') return { ...e, lhs: stripCalls(e.lhs), rhs: stripCalls(e.rhs) };
  if (e.type === 'Paren') return { type: 'Paren', expr: stripCalls(e.expr) };
  return e;
}
