// The OAuth2 token endpoint (RFC 6749 4.4) at LitmusEdge 4.0's /auth/v3/oauth/token and the older
// how-to's /api/v3/oauth/token, and the JWKS. Both are public; errors here take RFC 6749 5.2's shape.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormError, parseForm } from '../../auth/oauth/form.ts';
import type { OAuth } from '../../auth/oauth/oauth.ts';
import { OAuthError, grantToken } from '../../auth/oauth/token-grant.ts';
import { AppError } from '../../errors.ts';

export const TOKEN_PATHS = ['/auth/v3/oauth/token', '/api/v3/oauth/token'] as const;
export const JWKS_PATH = '/auth/v3/oauth/jwks';
/** A real token request is well under 1 KiB; anything near this is not one. */
export const TOKEN_BODY_LIMIT = 4096;
const FORM = 'application/x-www-form-urlencoded';

const tokenBody = z
  .object({
    grant_type: z.string().optional().meta({ example: 'client_credentials' }),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
    scope: z.string().optional(),
  })
  .describe('Form fields (RFC 6749 4.4.2); the client may authenticate with HTTP Basic instead of client_id/client_secret.')
  // A bodiless POST (body null) reaches the handler, which names what is missing: grant_type.
  .nullish();
const tokenResponse = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number(), scope: z.string().optional() })
  .meta({ example: { access_token: 'eyJhbGciOiJFUzI1NiIs...', token_type: 'Bearer', expires_in: 3600 } });
const oauthError = z.object({ error: z.string(), error_description: z.string(), message: z.string() });
const jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

export const oauthRoutes: FastifyPluginAsync<{ oauth: OAuth }> = async (fastify, { oauth }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  acceptOnlyForms(fastify);
  fastify.setErrorHandler((err, request, reply) => {
    const e = toOAuthError(err);
    if (e.status >= 500) request.log.error({ err }, 'token endpoint failure');
    void reply
      .code(e.status)
      .headers({ ...e.headers, 'cache-control': 'no-store', pragma: 'no-cache' })
      .send({ error: e.code, error_description: e.message, message: e.message });
  });

  for (const url of TOKEN_PATHS) {
    app.post(url, {
      bodyLimit: TOKEN_BODY_LIMIT,
      config: { public: true },
      schema: {
        tags: ['OAuth2'],
        summary: 'Client credentials grant: client_id/client_secret (form or HTTP Basic) for a Bearer access token',
        security: [],
        consumes: [FORM],
        body: tokenBody,
        response: {
          200: tokenResponse,
          400: oauthError.describe('invalid_request or unsupported_grant_type'),
          401: oauthError.describe('invalid_client: unknown client or wrong secret'),
          413: oauthError.describe('invalid_request: body over 4 KiB'),
          429: oauthError.describe('invalid_client: too many failed attempts for this client; see Retry-After'),
        },
      },
      handler: async (request, reply) => {
        const params = new Map(Object.entries(request.body ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
        const token = await grantToken(params, request.headers.authorization, oauth);
        return reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send(token);
      },
    });
  }

  app.get(JWKS_PATH, {
    config: { public: true },
    schema: { tags: ['OAuth2'], summary: 'Public keys that sign the access tokens (RFC 7517 JWK Set)', security: [], response: { 200: jwks } },
    handler: async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send({ keys: [oauth.key.publicJwk] }),
  });
};

/** Only form bodies parse here (this plugin's scope); anything else is RFC 6749's invalid_request. */
function acceptOnlyForms(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    try {
      // A null-prototype object, so a "__proto__" field is only a field.
      done(null, Object.assign(Object.create(null) as object, Object.fromEntries(parseForm(body as string))));
    } catch (err) {
      done(err instanceof FormError ? new OAuthError(400, 'invalid_request', err.message) : (err as Error), undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, _body, done) => {
    done(new OAuthError(400, 'invalid_request', `the token request body must be ${FORM}`), undefined);
  });
}

function toOAuthError(err: unknown): OAuthError {
  if (err instanceof OAuthError) return err;
  // The auth hook's refusal of a query-string token (RFC 6750 2.3), with its challenge.
  if (err instanceof AppError && err.statusCode < 500) return new OAuthError(err.statusCode, 'invalid_request', err.message, err.headers);
  if (hasZodFastifySchemaValidationErrors(err)) return new OAuthError(400, 'invalid_request', 'form fields must be single text values');
  const status = typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : 500;
  if (status === 413) return new OAuthError(413, 'invalid_request', `the token request body is over ${TOKEN_BODY_LIMIT} bytes`);
  // Fastify's own client errors (no body where one is needed, a broken content-type header).
  if (status >= 400 && status < 500) return new OAuthError(400, 'invalid_request', `the token request must be a ${FORM} POST`);
  return new OAuthError(500, 'server_error', 'internal error; see the server log');
}
