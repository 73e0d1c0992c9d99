// The one global auth hook: HTTP Basic with the API token as username and an empty password, as the
// vendor document states for every endpoint. read tokens may only GET/HEAD; anything else is 403.
import basicAuth from '@fastify/basic-auth';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { DEFAULT_POLL_MS, TokenCache } from './token-cache.ts';
import { bootstrapTokens, tokenFilePath } from './token-file.ts';
import type { TokenIdentity } from './tokens.ts';

export const REALM = 'LitmusEdge DataHub';
const READ_METHODS = new Set(['GET', 'HEAD']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the request; set by the auth hook before any handler runs. */
    identity: TokenIdentity | null;
  }
}

export interface AuthOptions {
  /** Called once with the admin token generated for an empty store; the caller shows it. */
  onTokenGenerated?: (token: string) => void;
  /** How often tokens.json is checked for changes by the CLI. */
  tokenPollMs?: number;
}

/**
 * Ensures the start-up tokens, loads them, and installs the onRequest hook. Call it before any
 * route module is registered: hooks only apply to routes declared after them.
 */
export async function setupAuth(app: FastifyInstance, config: Config, options: AuthOptions = {}): Promise<void> {
  const file = tokenFilePath(config.dataDir);
  const generated = await bootstrapTokens(file, config.adminToken);
  const cache = new TokenCache(file, app.log);
  await cache.start(options.tokenPollMs ?? DEFAULT_POLL_MS);
  app.addHook('onClose', async () => cache.stop());
  if (generated !== undefined) options.onTokenGenerated?.(generated);

  app.decorateRequest('identity', null);
  await app.register(basicAuth, {
    authenticate: { realm: REALM },
    validate: async (username: string, password: string, request: FastifyRequest) => {
      if (password !== '') {
        throw unauthorized('the password must be empty: send the API token as the username');
      }
      const header = request.headers.authorization;
      const identity = typeof header === 'string' ? cache.identifyAndRemember(username, header) : cache.identify(username);
      if (!identity) throw unauthorized('unknown or revoked API token');
      if (identity.role === 'read' && !READ_METHODS.has(request.method)) {
        throw forbidden(`token "${identity.name}" has the read role, which allows only GET and HEAD`);
      }
      request.identity = identity;
    },
  });
  // A header accepted before under the current token set skips the plugin's parsing and our SHA-256,
  // and answers synchronously; anything else (first use, wrong role, bad header) takes the full path,
  // so every refusal is produced exactly as before.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const header = request.headers.authorization;
    const known = header === undefined ? undefined : cache.identifyHeader(header);
    if (known !== undefined && (known.role !== 'read' || READ_METHODS.has(request.method))) {
      request.identity = known;
      done();
      return;
    }
    app.basicAuth(request, reply, done);
  });
}
