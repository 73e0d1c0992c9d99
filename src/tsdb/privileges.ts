// The document's grant arithmetic, once for every adapter: privileges as bit sets (READ=1, WRITE=2, ALL=3,
// NO PRIVILEGES=0, as influxql.Privilege). GRANT adds bits (READ then WRITE is ALL), REVOKE bit-clears (ALL
// minus WRITE is READ) as influxd's coordinator/statement_executor.go does, and NO PRIVILEGES as a grant clears.
import { badRequest } from '../errors.ts';
import { PRIVILEGES, type Grant, type Privilege, type RevocablePrivilege } from './adapter.ts';
import { checkName, checkPassword } from './names.ts';

export type PrivilegeBits = 0 | 1 | 2 | 3;

export const READ_BIT = 1;
export const WRITE_BIT = 2;

const BITS: Record<Privilege, PrivilegeBits> = { 'NO PRIVILEGES': 0, READ: 1, WRITE: 2, ALL: 3 };
const NAMES: readonly Privilege[] = ['NO PRIVILEGES', 'READ', 'WRITE', 'ALL'];
/** What revoke takes: the document lists WRITE, READ, ALL. */
const REVOCABLE: readonly string[] = ['READ', 'WRITE', 'ALL'];

export function toBits(privilege: Privilege): PrivilegeBits {
  return BITS[privilege];
}

export function fromBits(bits: number): Privilege {
  return NAMES[bits & 3] ?? 'NO PRIVILEGES';
}

/** The bits after granting `privilege` on top of `current` (undefined: nothing held yet). */
export function afterGrant(current: number | undefined, privilege: Privilege): PrivilegeBits {
  if (privilege === 'NO PRIVILEGES') return 0;
  return ((current ?? 0) | BITS[privilege]) as PrivilegeBits;
}

/** The bits after revoking `privilege`; what remains may be nothing (NO PRIVILEGES). */
export function afterRevoke(current: number | undefined, privilege: RevocablePrivilege): PrivilegeBits {
  return ((current ?? 0) & ~BITS[privilege] & 3) as PrivilegeBits;
}

/** 400 unless `privilege` is one of the document's four values, verbatim. */
export function checkPrivilege(privilege: unknown): asserts privilege is Privilege {
  if (typeof privilege !== 'string' || !(PRIVILEGES as readonly string[]).includes(privilege)) {
    throw badRequest(`privileges must be one of: ${PRIVILEGES.join(', ')}`);
  }
}

/** 400 unless `grants` is a list of grants on valid database names with the document's privileges. */
export function checkGrants(grants: unknown): asserts grants is Grant[] {
  if (!Array.isArray(grants)) throw badRequest('grants must be an array');
  for (const g of grants as Partial<Grant>[]) {
    checkName('database', g?.database);
    checkPrivilege(g.privileges);
  }
}

/** 400 for a create-user request no source would take: its name, its password or one of its grants. */
export function checkCreateUser(name: unknown, password: unknown, grants: unknown): asserts grants is Grant[] {
  checkName('user', name);
  checkPassword(password);
  checkGrants(grants);
}

/**
 * The bits a new user ends up with per database: one database named twice in a create adds up, like
 * consecutive grants do (and NO PRIVILEGES clears what came before it).
 */
export function grantBitsByDatabase(grants: readonly Grant[]): Map<string, PrivilegeBits> {
  const bits = new Map<string, PrivilegeBits>();
  for (const g of grants) bits.set(g.database, afterGrant(bits.get(g.database), g.privileges));
  return bits;
}

/** 400 unless `privilege` is one revoke takes (not NO PRIVILEGES). */
export function checkRevocable(privilege: unknown): asserts privilege is RevocablePrivilege {
  if (typeof privilege !== 'string' || !REVOCABLE.includes(privilege)) {
    throw badRequest(`privileges to revoke must be one of: ${REVOCABLE.join(', ')}`);
  }
}
