// The recursive-descent core of the InfluxQL parser, after influxd 1.x's: a token buffer over the
// lexer with unscan, identifiers, expressions with influxd's precedence climbing, calls, regexes,
// bound parameters; errors carry influxd's exact text. Statement grammars: statements.ts, select.ts.
import type { DataType, Expr, RegexExpr } from './ast.ts';
import { DurationError, parseDuration } from './duration.ts';
import { Lexer, type Pos, type Token } from './lexer.ts';
import { quoteIdent } from './quote.ts';
import { toJsRegex } from './regex.ts';
import { isOperator, precedence, tokstr, type Operator, type Tok } from './tokens.ts';

/** A value bound to `$name` (the /query `params`): bigint binds as an integer, number as a float (influxd's json.Number). */
export type ParamValue = string | boolean | number | bigint;

/** A query influxd would refuse to parse; `message` is influxd's text, `error parsing query: ...`. */
export class ParseError extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(`error parsing query: ${detail}`);
    this.name = 'ParseError';
    this.detail = detail;
  }
}

const at = (pos: Pos | undefined) => ` at line ${(pos?.line ?? 0) + 1}, char ${(pos?.char ?? 0) + 1}`;

export function expected(found: Token, wanted: string[]): ParseError {
  return new ParseError(`found ${tokstr(found.tok, found.lit)}, expected ${wanted.join(', ')}${at(found.pos)}`);
}

export function messageAt(message: string, pos?: Pos): ParseError {
  return new ParseError(`${message}${at(pos)}`);
}

/** A plain error (no position), as influxd's parser returns with errors.New. */
export function plain(message: string): ParseError {
  return new ParseError(message);
}

export class Parser {
  readonly #lexer: Lexer;
  readonly #params: Record<string, ParamValue>;
  readonly #buf: Token[] = [];
  #n = 0;

  constructor(input: string, params: Record<string, ParamValue> = {}) {
    this.#lexer = new Lexer(input);
    this.#params = params;
  }

  scan(): Token {
    if (this.#n > 0) {
      this.#n--;
      return this.#buf[this.#buf.length - 1 - this.#n] as Token;
    }
    const t = this.#lexer.scan();
    this.#buf.push(t);
    if (this.#buf.length > 3) this.#buf.shift();
    return t;
  }

  unscan(): void {
    this.#n++;
  }

  scanIgnoreWhitespace(): Token {
    for (;;) {
      const t = this.scan();
      if (t.tok !== 'WS' && t.tok !== 'COMMENT') return t;
    }
  }

  /** True (and consumed) when the next non-blank token is `tok`; otherwise it stays for the next scan. */
  accept(tok: Tok): boolean {
    if (this.scanIgnoreWhitespace().tok === tok) return true;
    this.unscan();
    return false;
  }

  consumeWhitespace(): void {
    if (this.scan().tok !== 'WS') this.unscan();
  }

  /** Reads the raw next rune, past any buffered token, as influxd's peekRune does. */
  peekRune(): string {
    return this.#lexer.peek();
  }

  expectTokens(...toks: Tok[]): void {
    for (const want of toks) {
      const t = this.scanIgnoreWhitespace();
      if (t.tok !== want) throw expected(t, [want]);
    }
  }

  parseIdent(): string {
    const t = this.scanIgnoreWhitespace();
    if (t.tok !== 'IDENT') throw expected(t, ['identifier']);
    return t.lit;
  }

  parseIdentList(): string[] {
    const idents = [this.parseIdent()];
    while (this.accept(',')) idents.push(this.parseIdent());
    return idents;
  }

  parseString(): string {
    const t = this.scanIgnoreWhitespace();
    if (t.tok !== 'STRING') throw expected(t, ['string']);
    return t.lit;
  }

  parseInt(min: number, max: number): number {
    const t = this.scanIgnoreWhitespace();
    if (t.tok !== 'INTEGER') throw expected(t, ['integer']);
    const n = Number(t.lit);
    if (!Number.isSafeInteger(n)) throw messageAt(`strconv.Atoi: parsing "${t.lit}": value out of range`, t.pos);
    if (n < min || n > max) throw messageAt(`invalid value ${n}: must be ${min} <= n <= ${max}`, t.pos);
    return n;
  }

  parseUInt64(): bigint {
    const t = this.scanIgnoreWhitespace();
    if (t.tok !== 'INTEGER') throw expected(t, ['integer']);
    const n = BigInt(t.lit);
    if (n >= 2n ** 64n) throw messageAt(`strconv.ParseUint: parsing "${t.lit}": value out of range`, t.pos);
    return n;
  }

  /** DURATION values: a duration literal or INF (0). */
  parseDurationValue(): bigint {
    const t = this.scanIgnoreWhitespace();
    if (t.tok !== 'DURATIONVAL' && t.tok !== 'INF') throw expected(t, ['duration']);
    if (t.tok === 'INF') return 0n;
    try {
      return parseDuration(t.lit);
    } catch (err) {
      throw messageAt((err as Error).message, t.pos);
    }
  }

  /** `LIMIT <n>` and the like: 0 when the keyword is absent. */
  parseOptionalTokenAndInt(tok: Tok): number {
    if (!this.accept(tok)) return 0;
    const t = this.scanIgnoreWhitespace();
    if (t.tok !== 'INTEGER') throw expected(t, ['integer']);
    const n = Number(BigInt.asIntN(64, BigInt(t.lit)));
    if (n < 0) throw messageAt(`${tok} must be >= 0`, t.pos);
    return n;
  }

  /** Segmented identifiers: "db"."rp".m, "db"..m; stops before a regex or `:` segment. */
  parseSegmentedIdents(): string[] {
    const idents = [this.parseIdent()];
    for (;;) {
      if (this.scan().tok !== '.') {
        this.unscan();
        break;
      }
      const ch = this.peekRune();
      if (ch === '/' || ch === ':') break;
      if (ch === '.') {
        idents.push('');
        continue;
      }
      idents.push(this.parseIdent());
    }
    if (idents.length > 3) {
      throw messageAt(`too many segments in ${quoteIdent(...idents)}`);
    }
    return idents;
  }

  parseVarRef(): Expr {
    const segments = this.parseSegmentedIdents();
    let dataType: DataType | undefined;
    if (this.scan().tok === '::') {
      const t = this.scan();
      if (t.tok === 'IDENT') {
        const lower = t.lit.toLowerCase();
        if (['float', 'integer', 'unsigned', 'string', 'boolean'].includes(lower)) dataType = lower as DataType;
        else throw expected(t, ['float', 'integer', 'unsigned', 'string', 'boolean', 'field', 'tag']);
      } else if (t.tok === 'FIELD') dataType = 'field';
      else if (t.tok === 'TAG') dataType = 'tag';
      else throw expected(t, ['float', 'integer', 'string', 'boolean', 'field', 'tag']);
    } else {
      this.unscan();
    }
    const ref: Expr = { type: 'VarRef', val: segments.join('.') };
    if (dataType) ref.dataType = dataType;
    return ref;
  }

  /** A /regex/ when the next non-blank rune is a slash, else undefined (nothing consumed but blanks). */
  parseRegex(): RegexExpr | undefined {
    if (/[ \t\n]/.test(this.peekRune())) this.consumeWhitespace();
    if (this.peekRune() !== '/') return undefined;
    const t = this.#lexer.scanRegex();
    if (t.tok === 'BADREGEX') throw messageAt(`bad regex: ${t.lit}`, t.pos);
    const { re, error } = toJsRegex(t.lit);
    if (!re) throw messageAt(error ?? 'invalid regex', t.pos);
    return { type: 'Regex', val: t.lit, re };
  }

  parseExpr(): Expr {
    const root: { rhs: Expr } = { rhs: this.parseUnaryExpr() };
    for (;;) {
      const opTok = this.scanIgnoreWhitespace();
      if (!isOperator(opTok.tok)) {
        this.unscan();
        return root.rhs;
      }
      const op: Operator = opTok.tok;
      let rhs: Expr;
      if (op === '=~' || op === '!~') {
        const re = this.parseRegex();
        if (!re) throw expected(this.scanIgnoreWhitespace(), ['regex']);
        rhs = re;
      } else {
        rhs = this.parseUnaryExpr();
      }
      // Walk down the right spine while the operator there binds looser than this one.
      let node: { rhs: Expr } = root;
      for (;;) {
        const r = node.rhs;
        if (r.type !== 'Binary' || precedence(r.op) >= precedence(op)) {
          node.rhs = { type: 'Binary', op, lhs: node.rhs, rhs };
          break;
        }
        node = r;
      }
    }
  }

  parseUnaryExpr(): Expr {
    if (this.scanIgnoreWhitespace().tok === '(') {
      const expr = this.parseExpr();
      this.expectTokens(')');
      return { type: 'Paren', expr };
    }
    this.unscan();
    const t = this.scanIgnoreWhitespace();
    switch (t.tok) {
      case 'IDENT': {
        if (this.scan().tok === '(') return this.parseCall(t.lit);
        this.unscan();
        this.unscan();
        return this.parseVarRef();
      }
      case 'DISTINCT': {
        const t0 = this.scan();
        if (t0.tok === '(') return this.parseCall('distinct');
        if (t0.tok === 'WS') {
          const t1 = this.scanIgnoreWhitespace();
          if (t1.tok !== 'IDENT') throw expected(t1, ['identifier']);
          return { type: 'Distinct', val: t1.lit };
        }
        throw expected(t0, ['(', 'identifier']);
      }
      case 'STRING':
        return { type: 'String', val: t.lit };
      case 'NUMBER': {
        const v = Number(t.lit);
        if (Number.isNaN(v)) throw messageAt('unable to parse number', t.pos);
        return { type: 'Number', val: v };
      }
      case 'INTEGER': {
        const v = BigInt(t.lit);
        if (v < 2n ** 63n) return { type: 'Integer', val: v };
        if (v < 2n ** 64n) return { type: 'Unsigned', val: v };
        throw messageAt('unable to parse integer', t.pos);
      }
      case 'TRUE':
      case 'FALSE':
        return { type: 'Boolean', val: t.tok === 'TRUE' };
      case 'DURATIONVAL':
        try {
          return { type: 'Duration', val: parseDuration(t.lit) };
        } catch (err) {
          if (err instanceof DurationError) throw plain(err.message);
          throw err;
        }
      case '*': {
        if (this.scan().tok === '::') {
          const k = this.scan();
          if (k.tok === 'FIELD' || k.tok === 'TAG') return { type: 'Wildcard', kind: k.tok };
          throw expected(k, ['field', 'tag']);
        }
        this.unscan();
        return { type: 'Wildcard' };
      }
      case 'REGEX': {
        const { re, error } = toJsRegex(t.lit);
        if (!re) throw messageAt(error ?? 'invalid regex', t.pos);
        return { type: 'Regex', val: t.lit, re };
      }
      case 'BOUNDPARAM':
        return this.#bound(t.lit.slice(1));
      case '+':
      case '-':
        return this.#signed(t.tok === '-');
      default:
        throw expected(t, ['identifier', 'string', 'number', 'bool']);
    }
  }

  parseCall(rawName: string): Expr {
    const name = rawName.toLowerCase();
    const args: Expr[] = [];
    const re = this.parseRegex();
    if (re) {
      args.push(re);
    } else {
      if (this.scan().tok === ')') return { type: 'Call', name, args };
      this.unscan();
      args.push(this.parseExpr());
    }
    while (this.accept(',')) {
      args.push(this.parseRegex() ?? this.parseExpr());
    }
    const t = this.scan();
    if (t.tok !== ')') throw expected(t, [')']);
    return { type: 'Call', name, args };
  }

  #bound(key: string): Expr {
    if (key === '') throw plain('empty bound parameter');
    const v = Object.hasOwn(this.#params, key) ? this.#params[key] : undefined;
    if (v === undefined || v === null) throw plain(`missing parameter: ${key}`);
    if (typeof v === 'string') return { type: 'String', val: v };
    if (typeof v === 'boolean') return { type: 'Boolean', val: v };
    if (typeof v === 'bigint') return { type: 'Integer', val: v };
    if (typeof v === 'number') return { type: 'Number', val: v };
    throw plain(`unable to bind parameter with type ${typeof v}`);
  }

  #signed(negative: boolean): Expr {
    const t0 = this.scanIgnoreWhitespace();
    if (!['NUMBER', 'INTEGER', 'DURATIONVAL', '(', 'IDENT'].includes(t0.tok)) {
      throw expected(t0, ['identifier', 'number', 'duration', '(']);
    }
    this.unscan();
    const lit = this.parseUnaryExpr();
    switch (lit.type) {
      case 'Number':
        return negative ? { type: 'Number', val: -lit.val } : lit;
      case 'Integer':
        return negative ? { type: 'Integer', val: -lit.val } : lit;
      case 'Unsigned':
        if (!negative) return lit;
        if (lit.val === 2n ** 63n) return { type: 'Integer', val: -lit.val };
        throw plain(`constant -${lit.val} underflows int64`);
      case 'Duration':
        return negative ? { type: 'Duration', val: -lit.val } : lit;
      default:
        return { type: 'Binary', op: '*', lhs: { type: 'Integer', val: negative ? -1n : 1n }, rhs: lit };
    }
  }
}
