// What the log configuration (src/plugins/logger.ts) keeps out of the log: secrets in logged URLs.
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/plugins/logger.ts';

describe('redactUrl', () => {
  it.each([
    ['/stats/metrics', '/stats/metrics'],
    ['/x?access_token=abc', '/x?access_token=[redacted]'],
    ['/x?a=1&access%5Ftoken=abc&b=2', '/x?a=1&access%5Ftoken=[redacted]&b=2'],
    ['/x?client_secret=s&access_token', '/x?client_secret=[redacted]&access_token=[redacted]'],
    ['/x?%zz=1', '/x?%zz=1'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
