// Planning of a SELECT, after influxd 1.x's validation: output columns and their names, the calls to
// compute (checked in select-fields.ts), GROUP BY time/tags, fill; statement errors in influxd's words
// and, for what this engine does not run, errors that name the unsupported part. Pure.
import type { Expr, Field, FillOption, SelectStatement } from './ast.ts';
import { checkFields, type CallSpec } from './select-fields.ts';
import { StatementError } from './time-range.ts';
import { planDimensions } from './dimensions.ts';
import { SELECTORS } from './aggregates.ts';

export type { CallSpec } from './select-fields.ts';

export interface Column {
  name: string;
  expr: Expr;
}

export interface SelectPlan {
  aggregate: boolean;
  /** Name of the time column: `time`, or the alias of `time` among the fields. */
  timeName: string;
  columns: Column[];
  calls: CallSpec[];
  /** distinct, top or bottom: the only call, giving several rows per group. */
  multiRow?: CallSpec;
  /** One selector without GROUP BY time: rows carry the selected point's time. */
  selectorTime: boolean;
  /** Names beside a selector: their values come from the point it picked. */
  aux: boolean;
  interval?: bigint;
  /** influxd's offset: the duration's remainder by the interval (sign kept), or now()'s phase. */
  offset: bigint;
  /** Tag keys to group by; '*' for all of a measurement's. */
  tagDims: string[] | '*';
  /** GROUP BY /regex/: the tag keys of the sources that match are added to tagDims. */
  tagRegexes: RegExp[];
  /** GROUP BY * or /regex/: then `*` in the fields expands to fields only, as influxd expands it. */
  dimensionWildcard: boolean;
  fill: FillOption;
  fillValue?: number | bigint;
  /** ORDER BY time DESC. */
  descending: boolean;
  /** top()/bottom() without tag arguments under LIMIT/OFFSET: points per shard and group that influxd lets compete (top-limit.ts). */
  pushedLimit?: number;
  /** tz(): buckets align to this zone's local time, following its offset changes as influxd does (windows.ts). */
  location?: string;
}

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

/** The fields as influxd lists the columns: top()/bottom()'s tag arguments follow the call as fields of their own. */
function columnFields(fields: Field[]): Field[] {
  const out: Field[] = [];
  for (const f of fields) {
    out.push(f);
    if (f.expr.type === 'Call' && (f.expr.name === 'top' || f.expr.name === 'bottom')) {
      for (const a of f.expr.args.slice(1)) if (a.type === 'VarRef') out.push({ expr: a, alias: '' });
    }
  }
  return out;
}

export function planSelect(stmt: SelectStatement, nowNs: bigint): SelectPlan {
  if (stmt.target) throw new StatementError('SELECT ... INTO is not supported by the embedded engine');
  if (stmt.sources.some((s) => s.type === 'SubQuery')) throw new StatementError('subqueries are not supported by the embedded engine');
  const time = planDimensions(stmt.dimensions, nowNs);
  // `time` among the fields is the time column (its alias names it), as influxd's compiler removes it.
  let timeName = 'time';
  const fields = stmt.fields.filter((f) => {
    if (f.expr.type !== 'VarRef' || f.expr.val !== 'time') return true;
    if (f.alias) timeName = f.alias;
    return false;
  });
  const { calls, aux } = checkFields(fields, stmt.limit);
  const callExprs: Expr[] = [];
  for (const f of fields) collectCalls(f.expr, callExprs);
  const aggregate = callExprs.length > 0;
  if (!aggregate) {
    if (stmt.fill === 'none') throw new StatementError('fill(none) must be used with a function');
    if (stmt.fill === 'linear') throw new StatementError('fill(linear) must be used with a function');
    if (time.timeGiven) throw new StatementError('GROUP BY requires at least one aggregate function');
  }
  if (time.deferredError) throw new StatementError(time.deferredError);
  const multi = calls.find((c) => c.name === 'distinct' || c.name === 'top' || c.name === 'bottom');
  const shown = columnFields(fields);
  const colNames = columnNames(shown);
  const plan: SelectPlan = {
    aggregate,
    timeName,
    columns: shown.map((f, i) => ({ name: colNames[i] as string, expr: f.expr })),
    calls,
    selectorTime: time.interval === undefined && calls.length === 1 && SELECTORS.has((calls[0] as CallSpec).name),
    aux: aggregate && aux,
    offset: time.offset,
    tagDims: time.tags,
    tagRegexes: time.regexes,
    dimensionWildcard: time.tags === '*' || time.regexes.length > 0,
    fill: stmt.fill,
    descending: stmt.sortFields[0]?.ascending === false,
  };
  if (multi) plan.multiRow = multi;
  if (multi && multi.name !== 'distinct' && !multi.tags && (stmt.limit > 0 || stmt.offset > 0)) plan.pushedLimit = stmt.limit + stmt.offset + 1;
  if (time.interval !== undefined) plan.interval = time.interval;
  if (stmt.fillValue !== undefined) plan.fillValue = stmt.fillValue;
  if (stmt.location) plan.location = stmt.location;
  return plan;
}
