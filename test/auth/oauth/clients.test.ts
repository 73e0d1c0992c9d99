// The OAuth client file's parser (src/auth/oauth/clients.ts), table-driven: what it refuses and what it keeps.
import { describe, expect, it } from 'vitest';
import { CredentialFileError } from '../../../src/auth/credential-records.ts';
import { parseClientFile, serializeClientFile, makeClientRecord } from '../../../src/auth/oauth/clients.ts';

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
