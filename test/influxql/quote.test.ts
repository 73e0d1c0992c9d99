// Table tests of InfluxQL quoting (src/influxql/quote.ts): identifiers and string literals with exactly the
// escapes the influxql scanner reads, and NUL, which it cannot carry, refused with 400.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { qIdent, qStr } from '../../src/influxql/quote.ts';

const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.statusCode : -1;
  }
  return 0;
};

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
    expect(status(() => qIdent('a\u0000b'))).toBe(400);
    expect(status(() => qStr('a\u0000b'))).toBe(400);
  });
});
