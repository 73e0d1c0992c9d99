// The InfluxDB 1.x privilege algebra as bit sets (influxql.Privilege: READ=1, WRITE=2, ALL=3, NO=0).
// GRANT adds bits (the DataHub document: READ then WRITE is ALL), REVOKE bit-clears as
// coordinator/statement_executor.go does, and NO PRIVILEGES as a grant clears every bit.
import type { Privilege, RevocablePrivilege } from '../../adapter.ts';

export type PrivilegeBits = 0 | 1 | 2 | 3;

const BITS: Record<Privilege, PrivilegeBits> = { 'NO PRIVILEGES': 0, READ: 1, WRITE: 2, ALL: 3 };
const NAMES: readonly Privilege[] = ['NO PRIVILEGES', 'READ', 'WRITE', 'ALL'];

export function toBits(privilege: Privilege): PrivilegeBits {
  return BITS[privilege];
}

export function fromBits(bits: number): Privilege {
  return NAMES[bits & 3] ?? 'NO PRIVILEGES';
}

/** The bits after granting `privilege` on top of `current` (undefined: no row yet). */
export function afterGrant(current: number | undefined, privilege: Privilege): PrivilegeBits {
  if (privilege === 'NO PRIVILEGES') return 0;
  return ((current ?? 0) | BITS[privilege]) as PrivilegeBits;
}

/** The bits after revoking `privilege`; the row stays, as NO PRIVILEGES once empty. */
export function afterRevoke(current: number | undefined, privilege: RevocablePrivilege): PrivilegeBits {
  return ((current ?? 0) & ~BITS[privilege] & 3) as PrivilegeBits;
}
