// The document's privileges as bit sets (READ=1, WRITE=2, ALL=3, NO PRIVILEGES=0), and InfluxDB's
// spelling of them. InfluxDB 1.x GRANT replaces the stored privilege (notes §1.4), so the adapter works
// on bits and asks InfluxDB for the union.
import type { Privilege } from '../../adapter.ts';

export function toBits(p: Privilege): number {
  switch (p) {
    case 'READ':
      return 1;
    case 'WRITE':
      return 2;
    case 'ALL':
      return 3;
    case 'NO PRIVILEGES':
      return 0;
  }
}

export function fromBits(bits: number): Privilege {
  return (['NO PRIVILEGES', 'READ', 'WRITE', 'ALL'] as const)[bits & 3] ?? 'NO PRIVILEGES';
}

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
