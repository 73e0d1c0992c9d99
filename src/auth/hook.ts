// The one global auth hook: HTTP Basic with the API token as username and an empty password, as the
// vendor document states for every endpoint, or an OAuth2 Bearer access token (LitmusEdge 4.0).
// read tokens and clients may only GET/HEAD; anything else is 403. Routes marked public skip it.
import basicAuth from '@fastify/basic-auth';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { bearerError, isBearer } from './oauth/bearer.ts';
import { openOAuth, type OAuth } from './oauth/oauth.ts';
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
  interface FastifyContextConfig {
    /** Reachable without credentials (the token endpoint, the JWKS, /health, the admin page's files): the hook below lets it through. */
    public?: boolean;
  }
}

export interface AuthOptions {
  /** Called once with the admin token generated for an empty store; the caller shows it. */
  onTokenGenerated?: (token: string) => void;
  /** How often tokens.json is checked for changes by the CLI. */
  tokenPollMs?: number;
}

/**
 * Ensures the start-up tokens, loads them and the OAuth clients, and installs the onRequest hook.
 * Fastify runs a root hook for every route, registered before or after it (checked on Fastify 5), so a
 * route that must answer without credentials says so itself with `config: { public: true }`.
 * Returns the OAuth side for the token endpoint's routes.
 */
export async function setupAuth(app: FastifyInstance, config: Config, options: AuthOptions = {}): Promise<OAuth> {
  const file = tokenFilePath(config.dataDir);
  const generated = await bootstrapTokens(file, config.adminToken);
  const pollMs = options.tokenPollMs ?? DEFAULT_POLL_MS;
  const cache = new TokenCache(file, app.log);
  await cache.start(pollMs);
  app.addHook('onClose', async () => cache.stop());
  const oauth = await openOAuth(config.dataDir, app.log, pollMs, REALM);
  app.addHook('onClose', async () => oauth.clients.stop());
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
  // A header accepted before (a Basic token under the current token set, or a Bearer token verified
  // under the current client set and not expired) skips parsing, hashing and signature checks and
  // answers synchronously; anything else takes the full path, so every refusal is produced the same.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (request.url.includes('?') && queryCarriesToken(request.url)) {
      done(bearerError(400, 'invalid_request', REALM, 'access tokens in the query string are refused (RFC 6750 2.3): send Authorization: Bearer'));
      return;
    }
    const header = request.headers.authorization;
    const known = header === undefined ? undefined : (cache.identifyHeader(header) ?? oauth.bearer.known(header));
    if (known !== undefined && (known.role !== 'read' || READ_METHODS.has(request.method))) {
      request.identity = known;
      done();
      return;
    }
    if (request.routeOptions.config.public === true) {
      done();
      return;
    }
    if (header !== undefined && isBearer(header)) {
      oauth.bearer.verify(header).then(
        (identity) => {
          if (identity.role === 'read' && !READ_METHODS.has(request.method)) {
            done(forbidden(`OAuth client "${identity.name}" has the read role, which allows only GET and HEAD`));
            return;
          }
          request.identity = identity;
          done();
        },
        (err: unknown) => done(err as Error),
      );
      return;
    }
    app.basicAuth(request, reply, done);
  });
  return oauth;
}

/** RFC 6750 2.3's access_token query parameter (percent-encoded spellings included). */
function queryCarriesToken(url: string): boolean {
  return new URLSearchParams(url.slice(url.indexOf('?') + 1)).has('access_token');
}
