// InfluxQL quoting, the one module for it: the scanner accepts exactly the escapes \\ \" \' \n inside
// quotes (notes §1.2; doubling a quote is a parse error there, so it is never used). qIdent/qStr quote
// always and are how names and passwords enter the statements we send; quoteIdent/quoteString print as
// influxd 1.x does (QuoteIdent, QuoteString), quoting an identifier only when it must.
import { badRequest } from '../errors.ts';
import { lookup } from './tokens.ts';

/** The body of a quoted token: \n, \\ and the quote itself escaped. */
function escape(s: string, quote: '"' | "'"): string {
  return s.replace(quote === '"' ? /[\n\\"]/g : /[\n\\']/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A double-quoted identifier: database, user or measurement name. */
export function qIdent(s: string): string {
  refuseNul(s);
  return `"${escape(s, '"')}"`;
}

/** A single-quoted string literal (passwords). */
export function qStr(s: string): string {
  refuseNul(s);
  return quoteString(s);
}

/** The scanner reads NUL as end of input and has no escape for it, so no statement could carry it. */
function refuseNul(s: string): void {
  if (s.includes('\u0000')) throw badRequest('names and passwords cannot contain a NUL character');
}

export function quoteString(s: string): string {
  return `'${escape(s, "'")}'`;
}

function identNeedsQuotes(ident: string): boolean {
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
    const text = escape(segment, '"');
    out += quote ? `"${text}"` : text;
    if (!last) out += '.';
  });
  return out;
}
