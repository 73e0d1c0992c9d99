// Shared by the OAuth tests: tokens from the app's own token endpoint, and the bad tokens a client can
// present (expired, tampered, signed by another key), minted with jose from the app's key file.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import { ACCESS_TOKEN_TYPE, ISSUER } from '../../../src/auth/oauth/access-tokens.ts';
import { SIGNING_ALG, signingKeyPath } from '../../../src/auth/oauth/signing-key.ts';

export const bearer = (token: string) => `Bearer ${token}`;

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An access token from POST /auth/v3/oauth/token (form-body client auth); fails the test otherwise. */
export async function tokenFor(app: FastifyInstance, client: { client_id: string; client_secret: string }): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/v3/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ grant_type: 'client_credentials', ...client }),
  });
  if (res.statusCode !== 200) throw new Error(`token endpoint answered ${res.statusCode}: ${res.body}`);
  return res.json<{ access_token: string }>().access_token;
}

/** Signs claims as the app would, with the app's own key from DATA_DIR (or another key). */
export async function mint(
  dataDir: string,
  claims: { sub: string; role: string; iat: number; exp: number },
  options: { foreignKey?: boolean } = {},
): Promise<string> {
  const stored = JSON.parse(await readFile(signingKeyPath(dataDir), 'utf8')) as { jwk: JWK };
  const key = options.foreignKey ? (await generateKeyPair(SIGNING_ALG)).privateKey : await importJWK(stored.jwk, SIGNING_ALG);
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(ISSUER)
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .setJti(crypto.randomUUID())
    .sign(key);
}

/** The same token with its payload changed (role raised to admin), the signature kept. */
export function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
  claims.role = 'admin';
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

export const nowS = () => Math.floor(Date.now() / 1000);
