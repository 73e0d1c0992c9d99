// The pure parts of OAuth, table-driven: the form parser, the failure limiter on a fake clock, the
// client file parser, URL redaction for the log, and the bearer memo's expiry.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BearerAuth } from '../../src/auth/oauth/bearer.ts';
import { ClientCache } from '../../src/auth/oauth/client-cache.ts';
import { clientFilePath, createClient } from '../../src/auth/oauth/client-file.ts';
import { CredentialFileError } from '../../src/auth/credential-records.ts';
import { parseClientFile, serializeClientFile, makeClientRecord } from '../../src/auth/oauth/clients.ts';
import { issueAccessToken } from '../../src/auth/oauth/access-tokens.ts';
import { FailureLimiter } from '../../src/auth/oauth/failure-limiter.ts';
import { FormError, parseForm } from '../../src/auth/oauth/form.ts';
import { loadSigningKey } from '../../src/auth/oauth/signing-key.ts';
import { redactUrl } from '../../src/logger.ts';
import { tempDir } from './helpers.ts';

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

describe('FailureLimiter', () => {
  it('blocks after max failures until the window that began with the first failure ends', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter({ max: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.blockedForMs('c')).toBe(0);
      limiter.failed('c');
      now += 1000;
    }
    expect(limiter.blockedForMs('c')).toBe(57_000);
    expect(limiter.blockedForMs('other')).toBe(0);
    now += 56_999;
    expect(limiter.blockedForMs('c')).toBe(1);
    now += 1;
    expect(limiter.blockedForMs('c')).toBe(0);
  });

  it('a success clears the count', () => {
    const limiter = new FailureLimiter({ max: 2, windowMs: 60_000, now: () => 0 });
    limiter.failed('c');
    limiter.succeeded('c');
    limiter.failed('c');
    expect(limiter.blockedForMs('c')).toBe(0);
  });
});

describe('parseClientFile', () => {
  const record = makeClientRecord('sdk', 'read', 'secret');
  const valid = serializeClientFile([record]) as { clients: Record<string, unknown>[] };

  it('round-trips, and a missing file is no clients', () => {
    expect(parseClientFile(valid)).toEqual([record]);
    expect(parseClientFile(undefined)).toEqual([]);
  });

  it.each([
    [{}, /"clients" array/],
    [{ clients: [{ ...valid.clients[0], name: 'bad name' }] }, /bad name/],
    [{ clients: [{ ...valid.clients[0], client_id: 'a:b' }] }, /bad client_id/],
    [{ clients: [{ ...valid.clients[0], role: 'root' }] }, /role/],
    [{ clients: [{ ...valid.clients[0], secret_hash: 'plain-secret' }] }, /secret_hash/],
    [{ clients: [valid.clients[0], { ...valid.clients[0], name: 'other' }] }, /duplicate client_id/],
  ])('%j is refused', (value, message) => {
    expect(() => parseClientFile(value)).toThrow(CredentialFileError);
    expect(() => parseClientFile(value)).toThrow(message);
  });
});

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

describe('BearerAuth memo', () => {
  it('forgets a verified token once it has expired, and every token when the client set changes', async () => {
    const tmp = await tempDir('bearer-memo-');
    try {
      const created = await createClient(clientFilePath(tmp.dir), 'sdk', 'read');
      const clients = new ClientCache(clientFilePath(tmp.dir), pino({ level: 'silent' }));
      await clients.start(3_600_000); // refreshed by hand below
      const key = await loadSigningKey(tmp.dir);
      const bearer = new BearerAuth(key, clients, 'test');
      const identity = clients.get(created.client_id);
      expect(identity).toBeDefined();
      const header = `Bearer ${await issueAccessToken(key, identity!)}`;
      expect(bearer.known(header)).toBeUndefined();
      expect(await bearer.verify(header)).toEqual(identity);
      const expMs = (JSON.parse(Buffer.from(header.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
      expect(bearer.known(header, expMs - 1)).toEqual(identity);
      expect(bearer.known(header, expMs)).toBeUndefined();
      await createClient(clientFilePath(tmp.dir), 'another', 'admin');
      await clients.refresh();
      expect(bearer.known(header)).toBeUndefined();
      clients.stop();
    } finally {
      await tmp.remove();
    }
  });
});
