// Pure mapping between the document's privileges and InfluxDB 2.x legacy-authorization permissions
// (notes §2.3): READ/WRITE are read/write on one bucket, ALL is both, as the bits of tsdb/privileges.ts. An
// authorization needs at least one permission, so a user without grants holds a placeholder (read on its own
// org) that listing hides.
import { byCodeUnit } from '../../../compare.ts';
import type { Grant } from '../../adapter.ts';
import { READ_BIT, WRITE_BIT, fromBits, type PrivilegeBits } from '../../privileges.ts';

export interface Permission {
  action: 'read' | 'write';
  resource: { type: string; id?: string; orgID?: string; name?: string };
}

/** The privilege bits held per bucket ID. */
export function bucketBits(permissions: readonly Permission[]): Map<string, PrivilegeBits> {
  const out = new Map<string, PrivilegeBits>();
  for (const p of permissions) {
    if (p.resource.type !== 'buckets' || !p.resource.id) continue;
    const bit = p.action === 'read' ? READ_BIT : p.action === 'write' ? WRITE_BIT : 0;
    out.set(p.resource.id, ((out.get(p.resource.id) ?? 0) | bit) as PrivilegeBits);
  }
  return out;
}

/** Grants as listed: buckets that still exist (a dropped bucket's grants vanish), sorted by name. */
export function grantsOf(permissions: readonly Permission[], bucketNames: ReadonlyMap<string, string>): Grant[] {
  const grants: Grant[] = [];
  for (const [id, bits] of bucketBits(permissions)) {
    const database = bucketNames.get(id);
    if (database !== undefined && bits !== 0) grants.push({ database, privileges: fromBits(bits) });
  }
  return grants.sort((a, b) => byCodeUnit(a.database, b.database));
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
  bits: ReadonlyMap<string, number>,
  keep: readonly Permission[] = [],
): Permission[] {
  const out: Permission[] = keep.filter((p) => p.resource.type !== 'buckets' && !isPlaceholder(p, orgID));
  for (const [id, b] of [...bits].sort(([a], [c]) => byCodeUnit(a, c))) {
    if (b & READ_BIT) out.push({ action: 'read', resource: { type: 'buckets', id, orgID } });
    if (b & WRITE_BIT) out.push({ action: 'write', resource: { type: 'buckets', id, orgID } });
  }
  if (out.length === 0) out.push({ action: 'read', resource: { type: 'orgs', id: orgID } });
  return out;
}
