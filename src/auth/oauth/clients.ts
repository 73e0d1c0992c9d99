// OAuth2 clients as data: the record, id and secret generation, the constant-time secret check, and
// the pure parser/serializer of DATA_DIR/oauth-clients.json. No I/O here (client-file.ts does it).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CredentialFileError, parseCredentialList, type Role } from '../credential-records.ts';
import { hashToken, type TokenIdentity } from '../tokens.ts';

export const CLIENT_FILE_NAME = 'oauth-clients.json';

export interface ClientRecord {
  name: string;
  /** Random per creation, so a client revoked and created again under its name is a new subject. */
  clientId: string;
  role: Role;
  /** sha256 of the secret, hex; the secret itself is never stored. */
  secretHash: string;
  createdAt: string;
}

export interface ClientIdentity extends TokenIdentity {
  clientId: string;
}

const CLIENT_ID_RE = /^[A-Za-z0-9_-]{22}$/;

/** base64url: no ':' (the Basic separator) and nothing RFC 6749 2.3.1's form-encoding would change. */
export function generateClientId(): string {
  return randomBytes(16).toString('base64url');
}

/** 256 random bits: a plain sha256 is then as strong as a slow KDF (see hashToken). */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function makeClientRecord(name: string, role: Role, secret: string, now = new Date()): ClientRecord {
  return { name, clientId: generateClientId(), role, secretHash: hashToken(secret), createdAt: now.toISOString() };
}

/**
 * The client whose id and secret these are. The secret is hashed and compared in constant time even
 * when the id is unknown, so timing tells nothing about which ids exist.
 */
export function authenticateClient(
  clients: ReadonlyMap<string, { secretHash: Buffer; identity: ClientIdentity }>,
  clientId: string,
  secret: string,
): ClientIdentity | undefined {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const entry = clients.get(clientId);
  const ok = timingSafeEqual(presented, entry?.secretHash ?? UNKNOWN);
  return ok && entry ? entry.identity : undefined;
}
const UNKNOWN = Buffer.alloc(32);

/** Parses the oauth-clients.json value (already JSON-decoded); throws CredentialFileError naming the problem. */
export function parseClientFile(value: unknown): ClientRecord[] {
  const ids = new Set<string>();
  const clientId = (r: Record<string, unknown>, at: string) => {
    if (typeof r.client_id !== 'string' || !CLIENT_ID_RE.test(r.client_id)) throw new CredentialFileError(`${at}: bad client_id`);
    if (ids.has(r.client_id)) throw new CredentialFileError(`${at}: duplicate client_id`);
    ids.add(r.client_id);
  };
  return parseCredentialList(value, { listKey: 'clients', hashKey: 'secret_hash', extra: clientId }, (f, r) => ({
    name: f.name,
    clientId: r.client_id as string,
    role: f.role,
    secretHash: f.hash,
    createdAt: f.createdAt,
  }));
}

export function serializeClientFile(records: readonly ClientRecord[]): unknown {
  return {
    version: 1,
    clients: records.map((r) => ({
      name: r.name,
      client_id: r.clientId,
      role: r.role,
      secret_hash: r.secretHash,
      created_at: r.createdAt,
    })),
  };
}
