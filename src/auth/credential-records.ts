// What API tokens and OAuth clients share, pure: the roles, the name rule, and the file format's list of
// named records, each with a name unique in the file, a role, a sha256 (hex) of its secret and a creation time.

export const ROLES = ['admin', 'read'] as const;
export type Role = (typeof ROLES)[number];

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

export class CredentialFileError extends Error {
  override name = 'CredentialFileError';
}

export interface CredentialFields {
  name: string;
  role: Role;
  /** The stored sha256 of the secret, hex. */
  hash: string;
  createdAt: string;
}

const HASH_RE = /^[0-9a-f]{64}$/;

/**
 * Parses `{ [listKey]: [...] }` (already JSON-decoded; undefined is an empty file) and throws
 * CredentialFileError naming the entry. `extra` checks a kind's own fields, after the name and before
 * the role; `build` makes the record from the shared fields and the raw entry.
 */
export function parseCredentialList<R>(
  value: unknown,
  kind: { listKey: string; hashKey: string; extra?: (entry: Record<string, unknown>, at: string) => void },
  build: (fields: CredentialFields, entry: Record<string, unknown>) => R,
): R[] {
  if (value === undefined) return [];
  const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[kind.listKey] : undefined;
  if (!Array.isArray(list)) throw new CredentialFileError(`expected an object with a "${kind.listKey}" array`);
  const names = new Set<string>();
  return list.map((item: unknown, i: number) => {
    const at = `${kind.listKey}[${i}]`;
    if (typeof item !== 'object' || item === null) throw new CredentialFileError(`${at}: not an object`);
    const r = item as Record<string, unknown>;
    if (typeof r.name !== 'string' || nameProblem(r.name)) throw new CredentialFileError(`${at}: bad name`);
    if (names.has(r.name)) throw new CredentialFileError(`${at}: duplicate name "${r.name}"`);
    names.add(r.name);
    kind.extra?.(r, at);
    if (!isRole(r.role)) throw new CredentialFileError(`${at}: role must be admin or read`);
    const hash = r[kind.hashKey];
    if (typeof hash !== 'string' || !HASH_RE.test(hash)) {
      throw new CredentialFileError(`${at}: ${kind.hashKey} must be 64 lowercase hex characters`);
    }
    if (typeof r.created_at !== 'string' || Number.isNaN(Date.parse(r.created_at))) {
      throw new CredentialFileError(`${at}: created_at must be an ISO date`);
    }
    return build({ name: r.name, role: r.role, hash, createdAt: r.created_at }, r);
  });
}
