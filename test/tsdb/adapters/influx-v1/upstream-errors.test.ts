// Table tests of the InfluxDB 1.x adapter's upstream-error mapping: statement errors, HTTP answers and network
// failures to AppError statuses, with secrets scrubbed from the text.
import { describe, expect, it } from 'vitest';
import { httpError, networkError, scrub, statementError } from '../../../../src/tsdb/adapters/influx-v1/upstream-errors.ts';

describe('upstream error mapping', () => {
  const src = 'InfluxDB at http://h:8086';
  it.each([
    ['database not found: x', 404],
    ['user not found', 404],
    ['user already exists', 409],
    ['invalid name', 400],
    ['name too long', 400],
    ['username required', 400],
    ['not executed', 500],
    ['something new', 502],
  ])('statement error %j is %i and keeps the text', (error, code) => {
    const e = statementError(src, error);
    expect(e.statusCode).toBe(code);
    expect(e.message).toBe(`${src}: ${error}`);
  });

  it.each([
    [401, '{"error":"authorization failed"}', '/query', 502],
    [403, '{"error":"error authorizing query: x not authorized"}', '/query', 502],
    [404, '{"error":"database not found: \\"x\\""}', '/write', 404],
    [400, '{"error":"error parsing query: found x"}', '/query', 500],
    [400, '{"error":"partial write: field type conflict"}', '/write', 400],
    [503, '', '/query', 503],
    [500, '<html>oops</html>', '/query', 502],
    [429, '{}', '/write', 502],
  ] as const)('HTTP %i %s on %s is %i', (code, body, endpoint, expected) => {
    const e = httpError(src, code, body, endpoint);
    expect(e.statusCode).toBe(expected);
    expect(e.message).toContain(src);
  });

  it('network failures are 503 and retryable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(networkError(src, refused, 100, false)).toMatchObject({ statusCode: 503, retryable: true });
    expect(networkError(src, new Error('x'), 100, true).message).toBe(`${src} did not answer within 100 ms`);
  });

  it('scrub removes every occurrence of a secret', () => {
    expect(scrub("found 'pw' near pw", ['pw'])).toBe("found '[redacted]' near [redacted]");
    expect(scrub('text', [''])).toBe('text');
  });
});
