// Access tokens: JWTs signed with the server's key (RFC 7519), typed at+jwt (RFC 9068 2.1) so no other
// JWT passes for one, carrying who (sub = client_id), what (role), and when (iat, exp), with an id (jti).
import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import { isRole, type Role } from '../credential-records.ts';
import type { ClientIdentity } from './clients.ts';
import { SIGNING_ALG, type SigningKey } from './signing-key.ts';

export const ACCESS_TOKEN_TTL_S = 3600;
/** iss of every token; fixed, because the URL a client reaches us by varies (proxies, IPs, names). */
export const ISSUER = 'litmusedge-datahub-emulator';
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenClaims {
  clientId: string;
  role: Role;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export async function issueAccessToken(key: SigningKey, client: ClientIdentity, nowS = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ role: client.role, client_id: client.clientId })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(ISSUER)
    .setSubject(client.clientId)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + ACCESS_TOKEN_TTL_S)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/**
 * Checks signature (ES256 with our key only: no alg or key taken from the token), type, issuer and
 * expiry, and returns the claims; InvalidTokenError says why not, in words safe to send back.
 */
export async function verifyAccessToken(key: SigningKey, token: string): Promise<AccessTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [SIGNING_ALG],
      issuer: ISSUER,
      typ: ACCESS_TOKEN_TYPE,
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      // No clock tolerance: the issuer is this process, on this clock.
    }));
  } catch (err) {
    throw new InvalidTokenError(reason(err));
  }
  if (typeof payload.sub !== 'string' || !isRole(payload.role) || typeof payload.exp !== 'number') {
    throw new InvalidTokenError('the token lacks a subject or a role');
  }
  return { clientId: payload.sub, role: payload.role, exp: payload.exp };
}

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the access token has expired';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the access token signature is not valid';
  if (err instanceof errors.JWTClaimValidationFailed) return `the access token claim "${err.claim}" is not valid`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the access token is not signed with ES256';
  return 'the access token is malformed';
}
