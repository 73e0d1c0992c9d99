// The key that signs access tokens: ES256 (ECDSA P-256), generated once into DATA_DIR and reused on
// every start, so tokens survive a restart; its public half is the JWKS clients verify against.
import type { webcrypto } from 'node:crypto';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../../fs/atomic-file.ts';

// Asymmetric, so a client holding the JWKS can verify but never mint; P-256 is the curve every JOSE
// library implements (RFC 7518 3.4), unlike Ed25519 in some clients still.
export const SIGNING_ALG = 'ES256';
export const SIGNING_KEY_FILE = 'oauth-signing-key.json';

export interface SigningKey {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  publicKey: webcrypto.CryptoKey;
  /** The public JWK as published at the JWKS endpoint (kid, alg and use set). */
  publicJwk: JWK;
}

const fileSchema = z.object({
  version: z.literal(1),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string(), d: z.string() }),
});

export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

export function signingKeyPath(dataDir: string): string {
  return path.join(dataDir, SIGNING_KEY_FILE);
}

/** Reads the key, or generates and stores it (mode 0600, atomically) when there is none yet. */
export async function loadSigningKey(dataDir: string): Promise<SigningKey & { generated: boolean }> {
  const file = signingKeyPath(dataDir);
  let raw: unknown;
  try {
    raw = await readJsonFile(file);
  } catch (err) {
    throw new SigningKeyError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (raw === undefined) {
    const pair = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const jwk = await exportJWK(pair.privateKey);
    await writeJsonAtomic(file, { version: 1, jwk }, { mode: 0o600 });
    return { ...(await fromPrivateJwk(jwk)), generated: true };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new SigningKeyError(`${file} is not a valid signing key file; remove it to generate a new key`);
  return { ...(await fromPrivateJwk(parsed.data.jwk)), generated: false };
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  const { d: _private, ...pub } = jwk;
  const kid = await calculateJwkThumbprint(pub);
  const publicJwk: JWK = { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid, alg: SIGNING_ALG, use: 'sig' };
  const privateKey = (await importJWK(jwk, SIGNING_ALG)) as webcrypto.CryptoKey;
  const publicKey = (await importJWK(publicJwk, SIGNING_ALG)) as webcrypto.CryptoKey;
  return { kid, privateKey, publicKey, publicJwk };
}
