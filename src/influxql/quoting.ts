// Quoting of identifiers and strings in InfluxQL text as influxd 1.x prints them (QuoteIdent,
// QuoteString): the only escapes are \n, \\ and the quote itself. Pure.
import { lookup } from './tokens.ts';

export function quoteString(s: string): string {
  return `'${s.replace(/[\n\\']/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}'`;
}

export function identNeedsQuotes(ident: string): boolean {
  if (lookup(ident) !== 'IDENT') return true;
  return !/^[A-Za-z_][A-Za-z0-9_]*$/.test(ident) && ident !== '';
}

/** One or more segments (db.rp.name), each quoted when it must be, as influxd's QuoteIdent. */
export function quoteIdent(...segments: string[]): string {
  let out = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const quote =
      identNeedsQuotes(segment) || (!last && segment !== '') || ((i === 0 || last) && segment === '');
    const text = segment.replace(/[\n\\"]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
    out += quote ? `"${text}"` : text;
    if (!last) out += '.';
  });
  return out;
}
