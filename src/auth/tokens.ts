// API tokens as data: roles, names, hashing, and the pure parser/serializer of DATA_DIR/tokens.json.
// No I/O here; token-file.ts reads and writes, token-cache.ts answers "who is this?" per request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['admin', 'read'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenRecord {
  name: string;
  role: Role;
  /** sha256 of the token, hex. The token itself is never stored. */
  hash: string;
  createdAt: string;
}

export interface TokenIdentity {
  name: string;
  role: Role;
}

export const TOKEN_FILE_NAME = 'tokens.json';
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Why a name is unusable, or undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  return NAME_RE.test(name)
    ? undefined
    : 'a name is 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit';
}

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

export class TokenFileError extends Error {
  override name = 'TokenFileError';
}

/** Parses the tokens.json value (already JSON-decoded); throws TokenFileError naming the problem. */
export function parseTokenFile(value: unknown): TokenRecord[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || !('tokens' in value) || !Array.isArray(value.tokens)) {
    throw new TokenFileError('expected an object with a "tokens" array');
  }
  const seen = new Set<string>();
  return value.tokens.map((t: unknown, i: number) => {
    const at = `tokens[${i}]`;
    if (typeof t !== 'object' || t === null) throw new TokenFileError(`${at}: not an object`);
    const r = t as Record<string, unknown>;
    if (typeof r.name !== 'string' || nameProblem(r.name)) throw new TokenFileError(`${at}: bad name`);
    if (seen.has(r.name)) throw new TokenFileError(`${at}: duplicate name "${r.name}"`);
    seen.add(r.name);
    if (!isRole(r.role)) throw new TokenFileError(`${at}: role must be admin or read`);
    if (typeof r.hash !== 'string' || !/^[0-9a-f]{64}$/.test(r.hash)) {
      throw new TokenFileError(`${at}: hash must be 64 lowercase hex characters`);
    }
    if (typeof r.created_at !== 'string' || Number.isNaN(Date.parse(r.created_at))) {
      throw new TokenFileError(`${at}: created_at must be an ISO date`);
    }
    return { name: r.name, role: r.role, hash: r.hash, createdAt: r.created_at };
  });
}

export function serializeTokenFile(records: readonly TokenRecord[]): unknown {
  return {
    version: 1,
    tokens: records.map((r) => ({ name: r.name, role: r.role, hash: r.hash, created_at: r.createdAt })),
  };
}
