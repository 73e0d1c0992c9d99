// A WHERE clause as influxd 1.6's compiler reads it (influxql's ConditionExpr, then query/compile.go's
// validateCondition): every comparison of `time` anywhere under AND *and OR* is taken out and its bound
// intersected into one scan range, the rest keeps its shape; errors in influxd's words. Pure.
import type { Expr } from './ast.ts';
import { exprString } from './format.ts';
import { reduceLiterals } from './reduce.ts';
import { MAX_TIME, MIN_TIME, StatementError, timeValue, type TimeRange } from './time-range.ts';
import { ZoneOffsets } from './tz.ts';

const INT64_MIN = -(2n ** 63n);
const isTime = (e: Expr) => e.type === 'VarRef' && e.val.toLowerCase() === 'time';
const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * Splits `condition` into the time range of its time comparisons and the rest. influxd 1.6 intersects the
 * bounds even under OR ("there is no such thing as using OR with a time range", says its source), so
 * `time > a OR time < b` reads as AND and `(time > a AND x) OR y` as `x OR y` from a: copied, because
 * clients see those answers.
 */
export function splitTimeRange(condition: Expr | undefined, nowNs: bigint, zone?: string): { range: TimeRange; rest: Expr | undefined } {
  const range: TimeRange = { min: MIN_TIME, max: MAX_TIME, hasMin: false, hasMax: false };
  let rest = condition && strip(condition, range, nowNs, zone);
  if (rest?.type === 'Paren') rest = rest.expr;
  if (rest?.type === 'Boolean' && rest.val) rest = undefined;
  // Bounds past what influxd stores map to no shard there (time > 9223372036854775807): an empty range here,
  // and never an integer SQLite cannot bind.
  if (range.min > MAX_TIME || range.max < MIN_TIME) [range.min, range.max] = [MAX_TIME, MIN_TIME];
  if (range.min < INT64_MIN) range.min = INT64_MIN;
  if (range.max > -INT64_MIN - 1n) range.max = -INT64_MIN - 1n;
  return { range, rest };
}

/** influxql's conditionExpr: the condition without its time comparisons (undefined: none left). */
function strip(e: Expr, range: TimeRange, nowNs: bigint, zone: string | undefined): Expr | undefined {
  switch (e.type) {
    case 'Binary': {
      if (e.op === 'AND' || e.op === 'OR') {
        const lhs = strip(e.lhs, range, nowNs, zone);
        const rhs = strip(e.rhs, range, nowNs, zone);
        if (!rhs) return lhs;
        if (!lhs) return rhs;
        return lhs === e.lhs && rhs === e.rhs ? e : { type: 'Binary', op: e.op, lhs, rhs };
      }
      if (isTime(e.lhs)) bound(range, e.op, e.rhs, nowNs, zone);
      else if (isTime(e.rhs)) bound(range, FLIP[e.op] ?? e.op, e.lhs, nowNs, zone);
      else return reduceLeaf(e);
      return undefined;
    }
    case 'Paren': {
      const inner = strip(e.expr, range, nowNs, zone);
      return inner === undefined ? undefined : inner === e.expr ? e : { type: 'Paren', expr: inner };
    }
    case 'Boolean':
      return e;
    default:
      throw new StatementError(`invalid condition expression: ${exprString(e)}`);
  }
}

/** influxd reduces the condition first: `1 + 2` is the literal 3 (refused), `host = 'a' + ''` compares with 'a'. */
function reduceLeaf(e: Expr): Expr {
  const r = reduceLiterals(e);
  if (r.type === 'Binary' || r.type === 'Boolean') return r;
  throw new StatementError(`invalid condition expression: ${exprString(r)}`);
}

/** influxql's getTimeRange, intersected into `range`: the value is checked before the operator, as there. */
function bound(range: TimeRange, op: string, other: Expr, nowNs: bigint, zone: string | undefined): void {
  const reduced = reduceLiterals(other);
  const t = timeValue(reduced, nowNs, zone);
  if (t === undefined) throw new StatementError(`invalid operation: time and *influxql.${goType(reduced)} are not compatible`);
  // A time literal (a date string, now()) must lie within influxd's storable range; a plain number need not.
  if (isTimeLiteral(reduced) && (t > MAX_TIME || t < MIN_TIME + 1n)) {
    const at = goRfc3339(t - (((t % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n), zone, explicitOffset(reduced));
    throw new StatementError(`time ${at} ${t > MAX_TIME ? 'overflows' : 'underflows'} time literal`);
  }
  if (!['>', '>=', '<', '<=', '='].includes(op)) throw new StatementError(`invalid time comparison operator: ${op}`);
  if (op !== '<' && op !== '<=') tighten(range, 'min', op === '>' ? t + 1n : t);
  if (op !== '>' && op !== '>=') tighten(range, 'max', op === '<' ? t - 1n : t);
}

/**
 * Go's time.RFC3339 (whole seconds) of a time read from a string: in the string's own offset, else in the
 * tz() zone (the error texts of influxd print the literal so).
 */
function goRfc3339(t: bigint, zone: string | undefined, offset: string | undefined): string {
  const seconds = Number(t / 1_000_000_000n);
  let offsetS = 0;
  if (offset !== undefined && offset !== 'Z') offsetS = (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 3600 + Number(offset.slice(4, 6)) * 60);
  else if (offset === undefined && zone && zone !== 'UTC') offsetS = new ZoneOffsets(zone).offsetSeconds(seconds);
  const wall = new Date((seconds + offsetS) * 1000).toISOString().slice(0, 19);
  if (offsetS === 0) return `${wall}Z`;
  const abs = Math.abs(offsetS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall}${offsetS < 0 ? '-' : '+'}${two(Math.floor(abs / 3600))}:${two(Math.floor((abs % 3600) / 60))}`;
}

/** The zone designator of the date string in a time expression, if it has one. */
function explicitOffset(e: Expr): string | undefined {
  if (e.type === 'String') return /(Z|[+-]\d{2}:\d{2})$/.exec(e.val)?.[1];
  if (e.type === 'Paren') return explicitOffset(e.expr);
  if (e.type === 'Binary') return explicitOffset(e.lhs) ?? explicitOffset(e.rhs);
  return undefined;
}

const isTimeLiteral = (e: Expr): boolean =>
  e.type === 'String' || e.type === 'Call' || (e.type === 'Paren' && isTimeLiteral(e.expr)) || (e.type === 'Binary' && (isTimeLiteral(e.lhs) || isTimeLiteral(e.rhs)));

function tighten(range: TimeRange, side: 'min' | 'max', t: bigint): void {
  if (side === 'min') {
    if (!range.hasMin || t > range.min) range.min = t;
    range.hasMin = true;
  } else {
    if (!range.hasMax || t < range.max) range.max = t;
    range.hasMax = true;
  }
}

/** The Go type influxd names in its error; influxql's Reduce keeps parentheses around binary expressions only. */
function goType(e: Expr): string {
  switch (e.type) {
    case 'Paren':
      return e.expr.type === 'Binary' ? 'ParenExpr' : goType(e.expr);
    case 'Binary':
      return 'BinaryExpr';
    case 'VarRef':
    case 'Call':
    case 'Distinct':
    case 'Wildcard':
      return e.type;
    default:
      return `${e.type}Literal`;
  }
}

const MATH = new Set(['abs', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'exp', 'log', 'ln', 'log2', 'log10', 'sqrt', 'pow', 'floor', 'ceil', 'round']);

/** query/compile.go's validateCondition on what is left: only math calls, with their argument count (it does not look inside parentheses). */
export function validateCondition(e: Expr | undefined): void {
  if (e?.type === 'Binary') {
    validateCondition(e.lhs);
    validateCondition(e.rhs);
  } else if (e?.type === 'Call') {
    if (!MATH.has(e.name)) throw new StatementError(`invalid function call in condition: ${exprString(e)}`);
    const want = e.name === 'atan2' || e.name === 'pow' ? 2 : 1;
    if (e.args.length !== want) throw new StatementError(`invalid number of arguments for ${e.name}, expected ${want}, got ${e.args.length}`);
    for (const a of e.args) validateCondition(a);
  }
}

/** influxql's HasTimeExpr: a comparison with `time` on its left under AND, OR or parentheses (what SHOW statements test). */
export function hasTimeExpr(e: Expr | undefined): boolean {
  if (e?.type === 'Paren') return hasTimeExpr(e.expr);
  if (e?.type !== 'Binary') return false;
  if (e.op === 'AND' || e.op === 'OR') return hasTimeExpr(e.lhs) || hasTimeExpr(e.rhs);
  return isTime(e.lhs);
}

const GO_DATA_TYPES: Record<string, number> = { float: 1, integer: 2, string: 3, boolean: 4, tag: 7, field: 8, unsigned: 9 };

/**
 * SHOW MEASUREMENTS ... WHERE as influxd 1.6's index reads it (tsdb/index/inmem measurementNamesByExpr):
 * only tag comparisons under AND, OR and parentheses; anything else is refused with its texts, a bare
 * operand printed with Go's %#v.
 */
export function checkMeasurementCondition(e: Expr): void {
  if (e.type === 'Paren') return checkMeasurementCondition(e.expr);
  if (e.type !== 'Binary') throw new StatementError(goSyntax(e));
  if (e.op === 'AND' || e.op === 'OR') {
    checkMeasurementCondition(e.lhs);
    checkMeasurementCondition(e.rhs);
    return;
  }
  if (!['=', '!=', '=~', '!~'].includes(e.op)) throw new StatementError('invalid tag comparison operator');
  if (e.lhs.type !== 'VarRef') throw new StatementError(`left side of '${e.op}' must be a tag key`);
  if (e.op.endsWith('~') && e.rhs.type !== 'Regex') throw new StatementError(`right side of '${e.op}' must be a regular expression`);
  if (!e.op.endsWith('~') && e.rhs.type !== 'String') throw new StatementError(`right side of '${e.op}' must be a tag value string`);
}

function goSyntax(e: Expr): string {
  switch (e.type) {
    case 'VarRef':
      return `&influxql.VarRef{Val:${JSON.stringify(e.val)}, Type:${e.dataType ? GO_DATA_TYPES[e.dataType] : 0}}`;
    case 'String':
      return `&influxql.StringLiteral{Val:${JSON.stringify(e.val)}}`;
    case 'Boolean':
    case 'Integer':
    case 'Number':
    case 'Duration':
      return `&influxql.${goType(e)}{Val:${String(e.val)}}`;
    default:
      return `invalid condition expression: ${exprString(e)}`;
  }
}
