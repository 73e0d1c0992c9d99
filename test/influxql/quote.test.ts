// Table tests of InfluxQL quoting (src/influxql/quote.ts): identifiers and string literals with exactly the
// escapes the influxql scanner reads, and NUL, which it cannot carry, refused with 400.
import { describe, expect, it } from 'vitest';
import { qIdent, qStr } from '../../src/influxql/quote.ts';
import { statusOf } from '../../support/app-error.ts';

describe('InfluxQL quoting', () => {
  it.each([
    ['plain', '"plain"', "'plain'"],
    ['', '""', "''"],
    ['a"b', '"a\\"b"', "'a\"b'"],
    ["a'b", '"a\'b"', "'a\\'b'"],
    ['a\\', '"a\\\\"', "'a\\\\'"],
    ['x\ny', '"x\\ny"', "'x\\ny'"],
    ['x"; DROP DATABASE "t"; --', '"x\\"; DROP DATABASE \\"t\\"; --"', '\'x"; DROP DATABASE "t"; --\''],
  ])('%j', (input, ident, str) => {
    expect(qIdent(input)).toBe(ident);
    expect(qStr(input)).toBe(str);
  });

  it('refuses NUL, which the scanner reads as end of input', () => {
    expect(statusOf(() => qIdent('a\u0000b'))).toBe(400);
    expect(statusOf(() => qStr('a\u0000b'))).toBe(400);
  });
});
