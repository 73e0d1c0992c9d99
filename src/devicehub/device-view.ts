// One list of devices for GET /__emulator/devices and /devicehub/metrics: the simulated fleet with what
// the emulator set on it, then every other device heard on the bus.
import type { DeviceRow } from './device-metrics.ts';
import type { SeenDevices } from './seen-devices.ts';
import type { Simulator } from './simulator.ts';
import type { TagPattern } from './tag-patterns.ts';

export interface DeviceView {
  id: string;
  name: string;
  /** `simulated` devices can be controlled; `bus` devices were only heard on NATS. */
  source: 'simulated' | 'bus';
  online: boolean;
  tags: string[];
  failed_tags: string[];
  /** Tag name to the pattern set on it (simulated devices only). */
  values: Record<string, TagPattern>;
}

export function deviceViews(simulator: Simulator, seen: SeenDevices, nowMs: number): DeviceView[] {
  const out: DeviceView[] = [];
  const simulated = new Set<string>();
  for (const d of simulator.fleet) {
    simulated.add(d.deviceID);
    const state = simulator.states.get(d.deviceID);
    out.push({
      id: d.deviceID,
      name: d.deviceName,
      source: 'simulated',
      online: state.online,
      tags: d.tags.map((t) => t.tagName),
      failed_tags: [...state.failedTags],
      values: Object.fromEntries([...state.patterns].map(([tag, p]) => [tag, p.pattern])),
    });
  }
  for (const d of seen.list()) {
    if (simulated.has(d.deviceID)) continue;
    out.push({
      id: d.deviceID,
      name: d.deviceName,
      source: 'bus',
      online: seen.online(d, nowMs),
      tags: [...d.tags],
      failed_tags: [...d.failedTags],
      values: {},
    });
  }
  return out;
}

export function deviceRows(views: readonly DeviceView[]): DeviceRow[] {
  return views.map((v) => ({ id: v.id, name: v.name, online: v.online, tags: v.tags.length, failedTags: v.failed_tags.length }));
}
