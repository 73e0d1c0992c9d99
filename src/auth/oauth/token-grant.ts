// The token endpoint's decision (RFC 6749 4.4, client credentials): which client is asking, by HTTP
// Basic or by form body (2.3.1), and either an access token or one of 5.2's errors. No HTTP here.
import type { ClientCache } from './client-cache.ts';
import type { FailureLimiter } from './failure-limiter.ts';
import { ACCESS_TOKEN_TTL_S, issueAccessToken } from './access-tokens.ts';
import type { SigningKey } from './signing-key.ts';

export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'server_error';

/** An RFC 6749 5.2 error: the HTTP status, the error code, and a description safe to send back. */
export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly status: number;
  readonly code: OAuthErrorCode;
  readonly headers: Record<string, string>;

  constructor(status: number, code: OAuthErrorCode, description: string, headers: Record<string, string> = {}) {
    super(description);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope?: string;
}

export interface GrantContext {
  clients: ClientCache;
  limiter: FailureLimiter;
  key: SigningKey;
  realm: string;
}

/** params: the parsed form body; authorization: the request's Authorization header, if any. */
export async function grantToken(params: Map<string, string>, authorization: string | undefined, ctx: GrantContext): Promise<TokenResponse> {
  const grantType = params.get('grant_type');
  if (grantType === undefined) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
  if (grantType !== 'client_credentials') {
    throw new OAuthError(400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
  }
  const { clientId, secret } = credentials(params, authorization, ctx.realm);
  // RFC 5.2 asks for WWW-Authenticate with 401 when the client tried Basic; we send it every time,
  // naming the scheme a client can use.
  const challenge = { 'www-authenticate': `Basic realm="${ctx.realm}"` };
  const waitMs = ctx.limiter.blockedForMs(clientId);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new OAuthError(429, 'invalid_client', `too many failed attempts for this client; retry in ${seconds} s`, {
      'retry-after': String(seconds),
    });
  }
  const client = ctx.clients.authenticate(clientId, secret);
  if (client === undefined) {
    // Only existing ids are counted: unknown ids have no secret to guess and must not grow the table.
    if (ctx.clients.has(clientId)) ctx.limiter.failed(clientId);
    throw new OAuthError(401, 'invalid_client', 'unknown client or wrong client secret', challenge);
  }
  ctx.limiter.succeeded(clientId);
  const token: TokenResponse = { access_token: await issueAccessToken(ctx.key, client), token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S };
  // RFC 3.3: a granted scope that differs from the requested one is stated; ours is the client's role.
  if (params.has('scope')) token.scope = client.role;
  return token;
}

function credentials(params: Map<string, string>, authorization: string | undefined, realm: string): { clientId: string; secret: string } {
  const invalidClient = (why: string) => new OAuthError(401, 'invalid_client', why, { 'www-authenticate': `Basic realm="${realm}"` });
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');
  if (authorization !== undefined) {
    const basic = decodeBasic(authorization);
    if (basic === undefined) throw invalidClient('client authentication must be HTTP Basic or client_id/client_secret in the body');
    // RFC 2.3: "The client MUST NOT use more than one authentication method in each request."
    if (bodySecret !== undefined) throw new OAuthError(400, 'invalid_request', 'client credentials were sent both in the Authorization header and in the body');
    if (bodyId !== undefined && bodyId !== basic.clientId) throw new OAuthError(400, 'invalid_request', 'client_id in the body differs from the one in the Authorization header');
    return basic;
  }
  if (bodyId === undefined || bodySecret === undefined) throw invalidClient('client authentication is required: client_id and client_secret, or HTTP Basic');
  return { clientId: bodyId, secret: bodySecret };
}

/** RFC 6749 2.3.1: base64 of form-encoded client_id ":" form-encoded secret. */
function decodeBasic(header: string): { clientId: string; secret: string } | undefined {
  const m = /^basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (!m?.[1]) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon === -1) return undefined;
  try {
    const unform = (s: string) => decodeURIComponent(s.replaceAll('+', ' '));
    return { clientId: unform(text.slice(0, colon)), secret: unform(text.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}
