// Devices seen on the bus (NATS or the in-process bus): name, tags, which tags' last read failed, and
// when each was last heard from. Feeds /devicehub/metrics for devices the simulator does not own.
import type { MessageOrigin } from './message.ts';

/** A device silent this long counts as offline (DeviceHub polls every few seconds at most). */
export const OFFLINE_AFTER_MS = 30_000;
/** Bound on tracked devices and tags per device, so a flood of invented IDs cannot grow memory forever. */
const MAX_DEVICES = 10_000;
const MAX_TAGS = 10_000;

export interface SeenDevice {
  deviceID: string;
  deviceName: string;
  tags: Set<string>;
  failedTags: Set<string>;
  lastSeenMs: number;
}

export class SeenDevices {
  readonly #devices = new Map<string, SeenDevice>();

  /** One message; `ok` is false for a read failure (`success: false`). Cheap: one map lookup. */
  record(origin: MessageOrigin, ok: boolean, nowMs: number): void {
    let d = this.#devices.get(origin.deviceID);
    if (!d) {
      if (this.#devices.size >= MAX_DEVICES) return;
      d = { deviceID: origin.deviceID, deviceName: origin.deviceName, tags: new Set(), failedTags: new Set(), lastSeenMs: nowMs };
      this.#devices.set(origin.deviceID, d);
    }
    d.deviceName = origin.deviceName;
    d.lastSeenMs = nowMs;
    if (d.tags.size < MAX_TAGS) d.tags.add(origin.tagName);
    if (!ok) d.failedTags.add(origin.tagName);
    else if (d.failedTags.size > 0) d.failedTags.delete(origin.tagName);
  }

  list(): SeenDevice[] {
    return [...this.#devices.values()];
  }

  online(d: SeenDevice, nowMs: number): boolean {
    return nowMs - d.lastSeenMs < OFFLINE_AFTER_MS;
  }

  clear(): void {
    this.#devices.clear();
  }
}
