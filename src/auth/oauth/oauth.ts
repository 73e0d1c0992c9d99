// The OAuth2 side of auth as one object: the client store, the signing key, the failure limiter and
// the bearer check, opened once per app (no module state) and shared by the hook and the routes.
import type { FastifyBaseLogger } from 'fastify';
import { BearerAuth } from './bearer.ts';
import { ClientCache } from './client-cache.ts';
import { clientFilePath } from './client-file.ts';
import { FailureLimiter } from './failure-limiter.ts';
import { loadSigningKey, type SigningKey } from './signing-key.ts';

export interface OAuth {
  clients: ClientCache;
  key: SigningKey;
  limiter: FailureLimiter;
  bearer: BearerAuth;
  realm: string;
}

export async function openOAuth(dataDir: string, log: FastifyBaseLogger, pollMs: number, realm: string): Promise<OAuth> {
  const key = await loadSigningKey(dataDir);
  if (key.generated) log.info({ kid: key.kid }, 'OAuth signing key generated');
  const clients = new ClientCache(clientFilePath(dataDir), log);
  await clients.start(pollMs);
  return { clients, key, limiter: new FailureLimiter(), bearer: new BearerAuth(key, clients, realm), realm };
}
