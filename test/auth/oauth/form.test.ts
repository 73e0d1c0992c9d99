// The token request's form parser (src/auth/oauth/form.ts), table-driven on inline bodies, malformed ones included.
import { describe, expect, it } from 'vitest';
import { FormError, parseForm } from '../../../src/auth/oauth/form.ts';

describe('parseForm', () => {
  it.each([
    ['', []],
    ['a=1&b=2', [['a', '1'], ['b', '2']]],
    ['a=x+y%20z&b=%C3%A9', [['a', 'x y z'], ['b', 'é']]],
    ['a=&b=2&&', [['b', '2']]],
    ['flag&b=2', [['b', '2']]],
    ['a=1=2', [['a', '1=2']]],
    ['__proto__=x', [['__proto__', 'x']]],
  ])('%j parses to %j', (body, expected) => {
    expect([...parseForm(body)]).toEqual(expected);
  });

  it.each([
    ['a=%zz', /form encoding/],
    ['a=%e9', /form encoding/],
    ['%=1', /form encoding/],
    ['a=1&a=2', /"a" is repeated/],
    ['a=&a=2', /"a" is repeated/],
    ['%00%01=1&%00%01=2', /"\(unprintable\)" is repeated/],
  ])('%j is a FormError', (body, message) => {
    expect(() => parseForm(body)).toThrow(FormError);
    expect(() => parseForm(body)).toThrow(message);
  });
});
