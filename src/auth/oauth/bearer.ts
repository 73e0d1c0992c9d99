// Bearer auth (RFC 6750) for every API endpoint: the JWT is verified once, then its exact header is
// remembered until it expires or the client set changes, so a scrape pays a Map lookup, not ECDSA.
import { AppError } from '../../errors.ts';
import type { ClientIdentity } from './clients.ts';
import type { ClientCache } from './client-cache.ts';
import { InvalidTokenError, verifyAccessToken } from './access-tokens.ts';
import type { SigningKey } from './signing-key.ts';

/** Verified headers kept; past this the memo starts over rather than grow (only valid tokens enter). */
export const MAX_REMEMBERED_BEARERS = 1024;
// RFC 6750 2.1: "Bearer" 1*SP b64token; the scheme name is case-insensitive (RFC 7235 2.1).
const BEARER_RE = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

interface Remembered {
  identity: ClientIdentity;
  expMs: number;
}

export function isBearer(header: string): boolean {
  return header.length > 7 && header.slice(0, 7).toLowerCase() === 'bearer ';
}

/** The 401/400 of RFC 6750 3.1: a JSON body as for every error, the reason in the challenge too. */
export function bearerError(status: 400 | 401, code: 'invalid_request' | 'invalid_token', realm: string, description: string): AppError {
  return new AppError(status, description, {
    headers: { 'www-authenticate': `Bearer realm="${realm}", error="${code}", error_description="${description}"` },
  });
}

export class BearerAuth {
  private remembered = new Map<string, Remembered>();
  private readonly key: SigningKey;
  private readonly clients: ClientCache;
  private readonly realm: string;

  constructor(key: SigningKey, clients: ClientCache, realm: string) {
    this.key = key;
    this.clients = clients;
    this.realm = realm;
    // Revoking a client ends its tokens at once: nothing verified under the old set is trusted.
    clients.onChange(() => {
      this.remembered = new Map();
    });
  }

  /** The identity of a header verified before under the current client set and not yet expired. */
  known(header: string, nowMs = Date.now()): ClientIdentity | undefined {
    const hit = this.remembered.get(header);
    return hit !== undefined && hit.expMs > nowMs ? hit.identity : undefined;
  }

  /** Verifies a Bearer header fully; throws the RFC 6750 error AppError when it is not acceptable. */
  async verify(header: string): Promise<ClientIdentity> {
    const token = BEARER_RE.exec(header)?.[1];
    if (token === undefined) throw bearerError(400, 'invalid_request', this.realm, 'malformed Bearer authorization header');
    let claims;
    try {
      claims = await verifyAccessToken(this.key, token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw bearerError(401, 'invalid_token', this.realm, err.message);
      throw err;
    }
    // Looked up and remembered in one synchronous step after the await, so a reload that revoked the
    // client while the signature was checked is seen here, and no revoked token enters the memo.
    const client = this.clients.get(claims.clientId);
    if (client === undefined) throw bearerError(401, 'invalid_token', this.realm, 'the client of this access token was revoked');
    if (client.role !== claims.role) throw bearerError(401, 'invalid_token', this.realm, 'the access token role does not match its client');
    if (this.remembered.size >= MAX_REMEMBERED_BEARERS) this.remembered = new Map();
    this.remembered.set(header, { identity: client, expMs: claims.exp * 1000 });
    return client;
  }
}
