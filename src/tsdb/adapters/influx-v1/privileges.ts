// InfluxDB 1.x's spelling of the document's privileges: the SHOW GRANTS column and the GRANT keyword. The
// arithmetic on them is the shared one in tsdb/privileges.ts (1.x GRANT replaces the stored privilege, notes
// §1.4, so the adapter computes the union there and asks InfluxDB for it).
import type { Privilege } from '../../adapter.ts';

/** InfluxDB's `SHOW GRANTS` privilege column: READ, WRITE, ALL PRIVILEGES, NO PRIVILEGES. */
export function parseInfluxPrivilege(s: string): Privilege | undefined {
  switch (s) {
    case 'READ':
      return 'READ';
    case 'WRITE':
      return 'WRITE';
    case 'ALL':
    case 'ALL PRIVILEGES':
      return 'ALL';
    case 'NO PRIVILEGES':
      return 'NO PRIVILEGES';
    default:
      return undefined;
  }
}

/** The privilege keyword GRANT takes for a non-empty bit set (ALL=3, WRITE=2, READ=1). */
export function privilegeKeyword(bits: number): 'READ' | 'WRITE' | 'ALL' {
  if (bits === 3) return 'ALL';
  if (bits === 2) return 'WRITE';
  if (bits === 1) return 'READ';
  throw new RangeError(`no InfluxQL keyword for privilege bits ${bits}`);
}
