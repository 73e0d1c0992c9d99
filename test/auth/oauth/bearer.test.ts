// The Bearer token check's memo (src/auth/oauth/bearer.ts): a remembered token still expires when it does.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BearerAuth } from '../../../src/auth/oauth/bearer.ts';
import { ClientCache } from '../../../src/auth/oauth/client-cache.ts';
import { clientFilePath, createClient } from '../../../src/auth/oauth/client-file.ts';
import { issueAccessToken } from '../../../src/auth/oauth/access-tokens.ts';
import { loadSigningKey } from '../../../src/auth/oauth/signing-key.ts';
import { tempDir } from '../../../support/auth.ts';

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
