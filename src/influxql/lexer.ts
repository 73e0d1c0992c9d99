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

/**
 * influxd's rune reader, reproduced because parse errors print its positions: a ring of the last three
 * runes with unread, `\r\n` read as one `\n`, and a column that moves once more on the first read of EOF
 * (so EOF is reported one or two columns past the end, depending on what read it first).
 */
class Reader {
  readonly #runes: string[];
  #next = 0;
  #pos: Pos = { line: 0, char: 0 };
  #eof = false;
  readonly #buf: { ch: string; pos: Pos }[] = [
    { ch: EOF, pos: { line: 0, char: 0 } },
    { ch: EOF, pos: { line: 0, char: 0 } },
    { ch: EOF, pos: { line: 0, char: 0 } },
  ];
  #i = 0;
  #n = 0;

  constructor(input: string) {
    this.#runes = Array.from(input.replace(/\r\n?/g, '\n'));
  }

  read(): { ch: string; pos: Pos } {
    if (this.#n > 0) {
      this.#n--;
      return this.curr();
    }
    const ch = this.#runes[this.#next] ?? EOF;
    if (this.#next < this.#runes.length) this.#next++;
    this.#i = (this.#i + 1) % 3;
    this.#buf[this.#i] = { ch, pos: { ...this.#pos } };
    if (ch === '\n') {
      this.#pos.line++;
      this.#pos.char = 0;
    } else if (!this.#eof) {
      this.#pos.char++;
    }
    if (ch === EOF) this.#eof = true;
    return this.curr();
  }

  unread(): void {
    this.#n++;
  }

  curr(): { ch: string; pos: Pos } {
    return this.#buf[(this.#i - this.#n + 3) % 3] as { ch: string; pos: Pos };
  }

  /** The next rune without consuming it. */
  peek(): string {
    const { ch } = this.read();
    if (ch !== EOF) this.unread();
    return ch;
  }
}

export class Lexer {
  readonly #r: Reader;

  constructor(input: string) {
    this.#r = new Reader(input);
  }

  /** The next rune without consuming it ('' at the end). */
  peek(): string {
    return this.#r.peek();
  }

  scan(): Token {
    const r = this.#r;
    const { ch, pos } = r.read();
    const t = (tok: Tok, lit = ''): Token => ({ tok, pos, lit });
    /** `two` when the next character is `next`, else `one` (that character left unread). */
    const oneOrTwo = (one: Tok, next: string, two: Tok): Token => {
      if (r.read().ch === next) return t(two);
      r.unread();
      return t(one);
    };
    if (isWhitespace(ch)) return t('WS', ch + this.#readWhile(isWhitespace));
    if (isLetter(ch) || ch === '_') {
      r.unread();
      return this.#scanIdent(true);
    }
    if (isDigit(ch)) return this.#scanNumber();
    switch (ch) {
      case EOF:
        return t('EOF');
      case '"':
        r.unread();
        return this.#scanIdent(true);
      case "'":
        return this.#scanString();
      case '.': {
        const c1 = r.read().ch;
        r.unread();
        if (isDigit(c1)) return this.#scanNumber();
        return t('.');
      }
      case '$': {
        const id = this.#scanIdent(false);
        return id.tok === 'IDENT' ? t('BOUNDPARAM', `$${id.lit}`) : t(id.tok, `$${id.lit}`);
      }
      case '+':
      case '*':
      case '%':
      case '&':
      case '|':
      case '^':
      case '(':
      case ')':
      case ',':
      case ';':
        return t(ch);
      case '-': {
        if (r.read().ch === '-') {
          for (;;) {
            const c = r.read().ch;
            if (c === '\n' || c === EOF) break;
          }
          return t('COMMENT');
        }
        r.unread();
        return t('-');
      }
      case '/': {
        if (r.read().ch === '*') {
          for (;;) {
            const c1 = r.read().ch;
            if (c1 === EOF) return t('ILLEGAL');
            if (c1 !== '*') continue;
            let c2 = r.read().ch;
            while (c2 === '*') c2 = r.read().ch;
            if (c2 === '/') return t('COMMENT');
            if (c2 === EOF) return t('ILLEGAL');
          }
        }
        r.unread();
        return t('/');
      }
      case '=':
        return oneOrTwo('=', '~', '=~');
      case '!': {
        const c1 = r.read().ch;
        if (c1 === '=') return t('!=');
        if (c1 === '~') return t('!~');
        r.unread();
        break;
      }
      case '>':
        return oneOrTwo('>', '=', '>=');
      case '<': {
        const c1 = r.read().ch;
        if (c1 === '=') return t('<=');
        if (c1 === '>') return t('!=');
        r.unread();
        return t('<');
      }
      case ':':
        return oneOrTwo(':', ':', '::');
    }
    return t('ILLEGAL', ch);
  }

  /** A regex between slashes, `\/` for a slash; other escapes pass through to the regex engine. */
  scanRegex(): Token {
    const r = this.#r;
    const { pos } = r.curr();
    r.read(); // the opening slash, checked by the caller
    let out = '';
    for (;;) {
      const c = r.read().ch;
      if (c === '/') return { tok: 'REGEX', pos, lit: out };
      if (c === EOF || c === '\n') return { tok: 'BADREGEX', pos, lit: '' };
      if (c === '\\') {
        const c1 = r.read().ch;
        if (c1 === EOF) return { tok: 'BADREGEX', pos, lit: '' };
        if (c1 === '/') {
          out += '/';
          continue;
        }
        r.unread();
        out += '\\';
        continue;
      }
      out += c;
    }
  }

  #scanIdent(keywords: boolean): Token {
    const r = this.#r;
    const { pos } = r.read();
    r.unread();
    let lit = '';
    for (;;) {
      const c = r.read().ch;
      if (c === EOF) break;
      if (c === '"') {
        // As influxd: a quoted part replaces what came before it and ends the identifier.
        const s = this.#scanString();
        if (s.tok === 'BADSTRING' || s.tok === 'BADESCAPE') return s;
        return { tok: 'IDENT', pos, lit: s.lit };
      }
      if (!isIdentChar(c)) {
        r.unread();
        break;
      }
      // influxd's ScanBareIdent reads to the first non-identifier rune.
      lit += c + this.#readWhile(isIdentChar);
    }
    if (keywords) {
      const tok = lookup(lit);
      if (tok !== 'IDENT') return { tok, pos, lit: '' };
    }
    return { tok: 'IDENT', pos, lit };
  }

  /**
   * A string in the quote just read; \n \\ \" \' are the only escapes. Its position is that of the rune
   * before the quote, as influxd reports it.
   */
  #scanString(): Token {
    const r = this.#r;
    r.unread();
    const { pos } = r.curr();
    const ending = r.read().ch;
    let out = '';
    for (;;) {
      const c = r.read().ch;
      if (c === ending) return { tok: 'STRING', pos, lit: out };
      if (c === EOF || c === '\n') return { tok: 'BADSTRING', pos, lit: out };
      if (c === '\\') {
        const { ch: n, pos: escPos } = r.read();
        if (n === 'n') out += '\n';
        else if (n === '\\' || n === '"' || n === "'") out += n;
        else return { tok: 'BADESCAPE', pos: escPos, lit: `\\${n}` };
        continue;
      }
      out += c;
    }
  }

  /** After its first rune was read: an integer, a decimal number or a duration literal. */
  #scanNumber(): Token {
    const r = this.#r;
    const { ch, pos } = r.curr();
    if (ch === '.') {
      const c1 = r.read().ch;
      r.unread();
      if (!isDigit(c1)) return { tok: 'ILLEGAL', pos, lit: '.' };
    }
    r.unread();
    let lit = this.#digits();
    let decimal = false;
    if (r.read().ch === '.') {
      decimal = true;
      const c1 = r.read().ch;
      if (isDigit(c1)) lit += `.${c1}${this.#digits()}`;
      else r.unread();
    } else {
      r.unread();
    }
    if (decimal) return { tok: 'NUMBER', pos, lit };
    const c0 = r.read().ch;
    if (isLetter(c0) || c0 === 'µ') {
      lit += c0;
      for (;;) {
        const c1 = r.read().ch;
        if (!isLetter(c1) && c1 !== 'µ') {
          r.unread();
          break;
        }
        lit += c1;
      }
      for (;;) {
        const c1 = r.read().ch;
        if (isLetter(c1) || c1 === 'µ' || isDigit(c1)) lit += c1;
        else {
          r.unread();
          break;
        }
      }
      return { tok: 'DURATIONVAL', pos, lit };
    }
    r.unread();
    return { tok: 'INTEGER', pos, lit };
  }

  /** Reads runes while `keep` holds; the first other one is left unread, EOF consumed (as influxd's scanner). */
  #readWhile(keep: (c: string) => boolean): string {
    const r = this.#r;
    let s = '';
    for (;;) {
      const c = r.read().ch;
      if (c === EOF) return s;
      if (!keep(c)) {
        r.unread();
        return s;
      }
      s += c;
    }
  }

  #digits(): string {
    const r = this.#r;
    let s = '';
    for (;;) {
      const c = r.read().ch;
      if (!isDigit(c)) {
        r.unread();
        return s;
      }
      s += c;
    }
  }
}
