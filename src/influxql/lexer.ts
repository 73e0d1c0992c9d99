// The InfluxQL scanner, after influxd 1.x's: runes with 0-based (line, char) positions, `\r\n` and `\r`
// read as `\n`, identifiers (bare, or double-quoted with escapes), strings, numbers, durations
// (`10m`, `1h30m`), bound parameters, comments, and regexes scanned on the parser's request. Pure.
import { lookup, type Tok } from './tokens.ts';

export interface Pos {
  line: number;
  char: number;
}

export interface Token {
  tok: Tok;
  pos: Pos;
  lit: string;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\n';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';
const EOF = '';

export class Lexer {
  readonly #runes: string[];
  readonly #pos: Pos[];
  /** Index of the next rune to read. */
  #i = 0;

  constructor(input: string) {
    this.#runes = Array.from(input.replace(/\r\n?/g, '\n'));
    this.#pos = [];
    let line = 0;
    let char = 0;
    for (const r of this.#runes) {
      this.#pos.push({ line, char });
      if (r === '\n') {
        line++;
        char = 0;
      } else {
        char++;
      }
    }
    // The position of EOF: just past the last rune.
    this.#pos.push({ line, char });
  }

  /** The next rune without consuming it ('' at the end). */
  peek(): string {
    return this.#runes[this.#i] ?? EOF;
  }

  #read(): string {
    const r = this.#runes[this.#i] ?? EOF;
    if (this.#i < this.#runes.length) this.#i++;
    else this.#i = this.#runes.length + 1;
    return r;
  }

  #unread(): void {
    this.#i--;
  }

  #posAt(i: number): Pos {
    return this.#pos[Math.min(i, this.#pos.length - 1)] as Pos;
  }

  scan(): Token {
    const start = Math.min(this.#i, this.#runes.length);
    const pos = this.#posAt(start);
    const ch = this.#read();
    const t = (tok: Tok, lit = ''): Token => ({ tok, pos, lit });
    if (isWhitespace(ch)) {
      while (isWhitespace(this.peek())) this.#read();
      return t('WS', this.#runes.slice(start, this.#i).join(''));
    }
    if (isLetter(ch) || ch === '_' || ch === '"') {
      this.#unread();
      return this.#scanIdent(true);
    }
    if (isDigit(ch)) {
      this.#unread();
      return this.#scanNumber(pos);
    }
    switch (ch) {
      case EOF:
        return t('EOF');
      case "'": {
        this.#unread();
        return this.#scanString();
      }
      case '.':
        if (isDigit(this.peek())) {
          this.#unread();
          return this.#scanNumber(pos);
        }
        return t('.');
      case '$': {
        const id = this.#scanIdent(false);
        return id.tok === 'IDENT' ? t('BOUNDPARAM', `$${id.lit}`) : t(id.tok, `$${id.lit}`);
      }
      case '+':
        return t('+');
      case '-':
        if (this.peek() === '-') {
          while (this.peek() !== '\n' && this.peek() !== EOF) this.#read();
          if (this.peek() === '\n') this.#read();
          return t('COMMENT');
        }
        return t('-');
      case '*':
        return t('*');
      case '/':
        if (this.peek() === '*') {
          this.#read();
          for (;;) {
            const c = this.#read();
            if (c === EOF) return t('ILLEGAL');
            if (c === '*' && this.peek() === '/') {
              this.#read();
              return t('COMMENT');
            }
          }
        }
        return t('/');
      case '%':
        return t('%');
      case '&':
        return t('&');
      case '|':
        return t('|');
      case '^':
        return t('^');
      case '=':
        if (this.peek() === '~') return (this.#read(), t('=~'));
        return t('=');
      case '!':
        if (this.peek() === '=') return (this.#read(), t('!='));
        if (this.peek() === '~') return (this.#read(), t('!~'));
        break;
      case '>':
        if (this.peek() === '=') return (this.#read(), t('>='));
        return t('>');
      case '<':
        if (this.peek() === '=') return (this.#read(), t('<='));
        if (this.peek() === '>') return (this.#read(), t('!='));
        return t('<');
      case '(':
        return t('(');
      case ')':
        return t(')');
      case ',':
        return t(',');
      case ';':
        return t(';');
      case ':':
        if (this.peek() === ':') return (this.#read(), t('::'));
        return t(':');
    }
    return t('ILLEGAL', ch);
  }

  /** A regex between slashes, `\/` for a slash; other escapes pass through to the regex engine. */
  scanRegex(): Token {
    const pos = this.#posAt(this.#i);
    this.#read(); // the opening slash, checked by the caller
    let out = '';
    for (;;) {
      const c = this.#read();
      if (c === '/') return { tok: 'REGEX', pos, lit: out };
      if (c === EOF || c === '\n') return { tok: 'BADREGEX', pos, lit: '' };
      if (c === '\\') {
        const next = this.peek();
        if (next === '/') {
          this.#read();
          out += '/';
          continue;
        }
        if (next === EOF) return { tok: 'BADREGEX', pos, lit: '' };
        out += '\\';
        continue;
      }
      out += c;
    }
  }

  #scanIdent(keywords: boolean): Token {
    const pos = this.#posAt(this.#i);
    let lit = '';
    for (;;) {
      const c = this.peek();
      if (c === '"') {
        // As influxd: a quoted part replaces what came before it and ends the identifier.
        const s = this.#scanString();
        if (s.tok === 'BADSTRING' || s.tok === 'BADESCAPE') return s;
        return { tok: 'IDENT', pos, lit: s.lit };
      }
      if (c === EOF || !isIdentChar(c)) break;
      lit += this.#read();
    }
    if (keywords) {
      const tok = lookup(lit);
      if (tok !== 'IDENT') return { tok, pos, lit: '' };
    }
    return { tok: 'IDENT', pos, lit };
  }

  /** A string in the quote it starts with; \n \\ \" \' are the only escapes. */
  #scanString(): Token {
    const pos = this.#posAt(this.#i);
    const ending = this.#read();
    let out = '';
    for (;;) {
      const c = this.#read();
      if (c === ending) return { tok: 'STRING', pos, lit: out };
      if (c === EOF || c === '\n') return { tok: 'BADSTRING', pos, lit: out };
      if (c === '\\') {
        const escPos = this.#posAt(this.#i);
        const n = this.#read();
        if (n === 'n') out += '\n';
        else if (n === '\\' || n === '"' || n === "'") out += n;
        else return { tok: 'BADESCAPE', pos: escPos, lit: `\\${n}` };
        continue;
      }
      out += c;
    }
  }

  #scanNumber(pos: Pos): Token {
    let lit = this.#digits();
    let decimal = false;
    if (this.peek() === '.') {
      decimal = true;
      this.#read();
      if (isDigit(this.peek())) lit += `.${this.#digits()}`;
    }
    if (!decimal) {
      const c = this.peek();
      if (isLetter(c) || c === 'µ') {
        while (isLetter(this.peek()) || this.peek() === 'µ') lit += this.#read();
        while (isLetter(this.peek()) || this.peek() === 'µ' || isDigit(this.peek())) lit += this.#read();
        return { tok: 'DURATIONVAL', pos, lit };
      }
      return { tok: 'INTEGER', pos, lit };
    }
    return { tok: 'NUMBER', pos, lit };
  }

  #digits(): string {
    let s = '';
    while (isDigit(this.peek())) s += this.#read();
    return s;
  }
}
