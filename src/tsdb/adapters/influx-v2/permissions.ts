// Pure mapping between the document's privileges and InfluxDB 2.x legacy-authorization permissions
// (notes §2.3): READ/WRITE are read/write on one bucket, ALL is both. An authorization needs at least one
// permission, so a user without grants holds a placeholder (read on its own org) that listing hides.
import { badRequest } from '../../../errors.ts';
import { PRIVILEGES, type Grant, type Privilege } from '../../adapter.ts';

export interface Permission {
  action: 'read' | 'write';
  resource: { type: string; id?: string; orgID?: string; name?: string };
}

export interface Bits {
  read: boolean;
  write: boolean;
}

export const NONE: Bits = { read: false, write: false };

export function checkPrivilege(p: unknown): Privilege {
  if (typeof p !== 'string' || !(PRIVILEGES as readonly string[]).includes(p)) {
    throw badRequest(`unknown privilege ${JSON.stringify(p)}; allowed: ${PRIVILEGES.join(', ')}`);
  }
  return p as Privilege;
}

export function privilegeBits(p: Privilege): Bits {
  return { read: p === 'READ' || p === 'ALL', write: p === 'WRITE' || p === 'ALL' };
}

export function bitsPrivilege(b: Bits): Privilege {
  if (b.read && b.write) return 'ALL';
  if (b.read) return 'READ';
  if (b.write) return 'WRITE';
  return 'NO PRIVILEGES';
}

/** The read/write bits held per bucket ID. */
export function bucketBits(permissions: readonly Permission[]): Map<string, Bits> {
  const out = new Map<string, Bits>();
  for (const p of permissions) {
    if (p.resource.type !== 'buckets' || !p.resource.id) continue;
    const bits = out.get(p.resource.id) ?? { ...NONE };
    if (p.action === 'read') bits.read = true;
    if (p.action === 'write') bits.write = true;
    out.set(p.resource.id, bits);
  }
  return out;
}

/** Grants as listed: buckets that still exist (a dropped bucket's grants vanish), sorted by name. */
export function grantsOf(permissions: readonly Permission[], bucketNames: ReadonlyMap<string, string>): Grant[] {
  const grants: Grant[] = [];
  for (const [id, bits] of bucketBits(permissions)) {
    const database = bucketNames.get(id);
    const privileges = bitsPrivilege(bits);
    if (database !== undefined && privileges !== 'NO PRIVILEGES') grants.push({ database, privileges });
  }
  return grants.sort((a, b) => (a.database < b.database ? -1 : a.database > b.database ? 1 : 0));
}

export function isPlaceholder(p: Permission, orgID: string): boolean {
  return p.action === 'read' && p.resource.type === 'orgs' && p.resource.id === orgID;
}

/**
 * The permission list for an authorization: `bits` per live bucket, plus whatever non-bucket permissions
 * it held before (kept as they were, except our placeholder), plus the placeholder if nothing remains.
 */
export function buildPermissions(
  orgID: string,
  bits: ReadonlyMap<string, Bits>,
  keep: readonly Permission[] = [],
): Permission[] {
  const out: Permission[] = keep.filter((p) => p.resource.type !== 'buckets' && !isPlaceholder(p, orgID));
  for (const [id, b] of [...bits].sort(([a], [c]) => (a < c ? -1 : 1))) {
    if (b.read) out.push({ action: 'read', resource: { type: 'buckets', id, orgID } });
    if (b.write) out.push({ action: 'write', resource: { type: 'buckets', id, orgID } });
  }
  if (out.length === 0) out.push({ action: 'read', resource: { type: 'orgs', id: orgID } });
  return out;
}
