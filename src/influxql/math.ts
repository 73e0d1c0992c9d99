// The math calls influxd 1.6 evaluates inside a WHERE condition (query/math.go MathValuer), on the
// evaluator's values: what a wrong type or argument gives is null, as there. Pure.
import type { Value } from './values.ts';

const asFloat = (v: Value): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

const FLOAT1: Record<string, (x: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  exp: Math.exp, ln: Math.log, log2: Math.log2, log10: Math.log10, sqrt: Math.sqrt,
};
const FLOAT2: Record<string, (x: number, y: number) => number> = {
  atan2: Math.atan2, pow: Math.pow, log: (x, y) => Math.log(x) / Math.log(y),
};

// Go's round in query/math.go: half away from zero (JavaScript's Math.round goes half up).
function goRound(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

const KEEP_INTEGERS: Record<string, (x: number) => number> = { abs: Math.abs, floor: Math.floor, ceil: Math.ceil, round: goRound };

/** `name(args)` as influxd's MathValuer answers it; undefined when it is no math call of that arity. */
export function mathCall(name: string, args: Value[]): Value | undefined {
  if (args.length === 1) {
    const [a] = args as [Value];
    const keep = KEEP_INTEGERS[name];
    // abs, floor, ceil and round give an integer back unchanged (abs too: abs(-7) is -7 in influxd 1.6).
    if (keep) return typeof a === 'number' ? keep(a) : typeof a === 'bigint' ? a : null;
    const f = FLOAT1[name];
    if (f) return asFloat(a) === undefined ? null : f(asFloat(a) as number);
  } else if (args.length === 2) {
    const f = FLOAT2[name];
    const [x, y] = [asFloat(args[0] as Value), asFloat(args[1] as Value)];
    if (f) return x === undefined || y === undefined ? null : f(x, y);
  }
  return undefined;
}
