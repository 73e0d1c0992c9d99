// The simulated fleet and its signals: document-style names, stable IDs, plausible values. Pure.
import { describe, expect, it } from 'vitest';
import { deviceName, nameUuid, simulatedDevices } from '../../src/devicehub/devices.ts';
import { signalValue } from '../../src/devicehub/signals.ts';

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe('simulated devices', () => {
  it('names devices like the document and derives upper-case UUIDs', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(deviceName)).toEqual([
      'P1_L1_Machine1_1_OPC',
      'P1_L1_Machine2_1_MB',
      'P1_L1_Machine3_1_S7',
      'P1_L2_Machine1_1_OPC',
      'P1_L2_Machine2_1_MB',
      'P1_L2_Machine3_1_S7',
      'P2_L1_Machine1_1_OPC',
    ]);
    expect(nameUuid('x')).toMatch(UUID);
  });

  it('gives the same IDs on every build (stable across restarts) and unique ones within a fleet', () => {
    const a = simulatedDevices(12, 20);
    const b = simulatedDevices(12, 20);
    expect(a).toEqual(b);
    const ids = a.flatMap((d) => [d.deviceID, ...d.tags.map((t) => t.tagID)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(a[0]?.tags.map((t) => t.tagName)).size).toBe(20);
  });

  it('produces values in plausible ranges of the declared type', () => {
    const fleet = simulatedDevices(6, 8);
    for (let t = 1_700_000_000_000; t < 1_700_000_000_000 + 3_600_000; t += 61_000) {
      for (const tag of fleet.flatMap((d) => d.tags)) {
        const v = signalValue(tag, t);
        if (tag.datatype === 'bool') expect(typeof v).toBe('boolean');
        else if (tag.datatype === 'string') expect(['AUTO', 'MANUAL', 'SETUP']).toContain(v);
        else expect(Number.isFinite(v)).toBe(true);
        if (tag.kind === 'temperature') expect(v).toBeGreaterThan(35);
        if (tag.kind === 'temperature') expect(v).toBeLessThan(75);
        if (tag.kind === 'state') expect([0, 1, 2, 3]).toContain(v);
      }
    }
    const counter = fleet[0]?.tags.find((t) => t.kind === 'counter');
    if (!counter) throw new Error('no counter tag');
    expect(signalValue(counter, 1_700_000_600_000)).toBeGreaterThan(signalValue(counter, 1_700_000_000_000) as number);
  });
});
