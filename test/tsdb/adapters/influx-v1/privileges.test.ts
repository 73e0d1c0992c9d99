// Table tests of the InfluxDB 1.x adapter's privilege spellings (SHOW GRANTS, GRANT keywords) over the
// document's grant bits.
import { describe, expect, it } from 'vitest';
import { parseInfluxPrivilege, privilegeKeyword } from '../../../../src/tsdb/adapters/influx-v1/privileges.ts';
import { fromBits, toBits } from '../../../../src/tsdb/privileges.ts';

describe('privileges', () => {
  it('map InfluxDB spellings and bits both ways', () => {
    expect(parseInfluxPrivilege('ALL PRIVILEGES')).toBe('ALL');
    expect(parseInfluxPrivilege('NO PRIVILEGES')).toBe('NO PRIVILEGES');
    expect(parseInfluxPrivilege('bogus')).toBeUndefined();
    expect(fromBits(toBits('READ') | toBits('WRITE'))).toBe('ALL');
    expect(fromBits(toBits('ALL') & ~toBits('WRITE'))).toBe('READ');
  });

  it('name the GRANT keyword for each non-empty bit set', () => {
    expect([1, 2, 3].map(privilegeKeyword)).toEqual(['READ', 'WRITE', 'ALL']);
    expect(() => privilegeKeyword(0)).toThrow(RangeError);
  });
});
