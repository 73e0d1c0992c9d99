// influxql.Reduce's folding of literals, as far as influxd 1.6 relies on it before checking a statement:
// GROUP BY time(1h + 1h, 1m * 2) is time(2h, 2m), and a field such as 1 + 1 is a literal (so it "must
// contain at least one variable"). now() stays a call: influxd reduces dimensions without a clock. Pure.
import type { Expr } from './ast.ts';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

export function reduceLiterals(e: Expr): Expr {
  switch (e.type) {
    case 'Paren': {
      const inner = reduceLiterals(e.expr);
      return inner.type === 'Binary' || inner.type === 'VarRef' || inner.type === 'Call' ? { type: 'Paren', expr: inner } : inner;
    }
    case 'Call':
      return { ...e, args: e.args.map(reduceLiterals) };
    case 'Binary': {
      const lhs = reduceLiterals(e.lhs);
      const rhs = reduceLiterals(e.rhs);
      return fold(e.op, lhs, rhs) ?? { ...e, lhs, rhs };
    }
    default:
      return e;
  }
}

function fold(op: string, l: Expr, r: Expr): Expr | undefined {
  if (l.type === 'Duration') {
    if (r.type === 'Duration' && (op === '+' || op === '-')) return { type: 'Duration', val: op === '+' ? l.val + r.val : l.val - r.val };
    if ((r.type === 'Integer' || r.type === 'Number') && (op === '*' || op === '/')) {
      const n = r.type === 'Integer' ? r.val : BigInt(Math.trunc(r.val));
      if (op === '*') return { type: 'Duration', val: BigInt.asIntN(64, l.val * n) };
      return { type: 'Duration', val: n === 0n ? 0n : l.val / n };
    }
    return undefined;
  }
  const numeric = (x: Expr): x is Extract<Expr, { type: 'Integer' | 'Number' }> => x.type === 'Integer' || x.type === 'Number';
  if (numeric(l) && numeric(r) && ARITHMETIC.has(op)) {
    const [a, b] = [l, r];
    if (a.type === 'Integer' && b.type === 'Integer' && op !== '/') {
      if (op === '%') return { type: 'Integer', val: b.val === 0n ? 0n : a.val % b.val };
      return { type: 'Integer', val: BigInt.asIntN(64, op === '+' ? a.val + b.val : op === '-' ? a.val - b.val : a.val * b.val) };
    }
    const x = Number(a.val);
    const y = Number(b.val);
    const v = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : y === 0 ? 0 : op === '/' ? x / y : x % y;
    return { type: 'Number', val: v };
  }
  if (l.type === 'Boolean' && r.type === 'Boolean' && (op === '&' || op === '|' || op === '^')) {
    return { type: 'Boolean', val: op === '&' ? l.val && r.val : op === '|' ? l.val || r.val : l.val !== r.val };
  }
  if (l.type === 'String' && r.type === 'String' && op === '+') return { type: 'String', val: l.val + r.val };
  return undefined;
}
