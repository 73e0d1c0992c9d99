// API tokens as data: hashing, generation, lookup, and the pure parser/serializer of DATA_DIR/tokens.json.
// No I/O here; token-file.ts reads and writes, token-cache.ts answers "who is this?" per request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCredentialList, type CredentialFields, type Role } from './credential-records.ts';

/** `hash` is the sha256 of the token; the token itself is never stored. */
export type TokenRecord = CredentialFields;

export interface TokenIdentity {
  name: string;
  role: Role;
}

export const TOKEN_FILE_NAME = 'tokens.json';

/**
 * A plain sha256 is enough: generated tokens carry 256 random bits, so nothing short of the token
 * finds a preimage, and a slow KDF would cost milliseconds on every request of a scrape benchmark.
 * ADMIN_TOKEN is operator-chosen; config.ts requires 16+ characters and the README asks for a random one.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** base64url has no ':' (the Basic auth separator) and survives shells and URLs unquoted. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function makeRecord(name: string, role: Role, token: string, now = new Date()): TokenRecord {
  return { name, role, hash: hashToken(token), createdAt: now.toISOString() };
}

/**
 * Finds the record for a presented token. Every stored hash is compared, in constant time, with no
 * early exit, so the answer's timing says nothing about which bytes or which entry matched.
 */
export function findByToken(
  records: readonly { hash: Buffer; identity: TokenIdentity }[],
  token: string,
): TokenIdentity | undefined {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let found: TokenIdentity | undefined;
  for (const r of records) {
    if (timingSafeEqual(presented, r.hash) && found === undefined) found = r.identity;
  }
  return found;
}

/** Parses the tokens.json value (already JSON-decoded); throws CredentialFileError naming the problem. */
export function parseTokenFile(value: unknown): TokenRecord[] {
  return parseCredentialList(value, { listKey: 'tokens', hashKey: 'hash' }, (f) => f);
}

export function serializeTokenFile(records: readonly TokenRecord[]): unknown {
  return {
    version: 1,
    tokens: records.map((r) => ({ name: r.name, role: r.role, hash: r.hash, created_at: r.createdAt })),
  };
}
