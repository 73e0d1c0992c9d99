// What a test author has set on simulated devices: offline, failed tags, value patterns. The simulator
// reads it on every tick; everything not set stays the live simulated signal.
import type { FieldValue } from '../tsdb/adapter.ts';
import { patternValue, type TagPattern } from './tag-patterns.ts';

export interface DeviceState {
  online: boolean;
  /** Tag names whose reads fail: published with `success: false`, as DeviceHub reports a failed poll. */
  failedTags: ReadonlySet<string>;
  patterns: ReadonlyMap<string, { pattern: TagPattern; sinceMs: number }>;
}

export interface DeviceStatePatch {
  online?: boolean | undefined;
  failed_tags?: string[] | undefined;
  /** Per tag name: a pattern, or null to return that tag to its live signal. */
  values?: Record<string, TagPattern | null> | undefined;
}

const LIVE: DeviceState = { online: true, failedTags: new Set(), patterns: new Map() };

export class DeviceStates {
  readonly #states = new Map<string, DeviceState>();

  get(deviceID: string): DeviceState {
    return this.#states.get(deviceID) ?? LIVE;
  }

  /** Whether anything is set at all (the simulator's fast path skips lookups when not). */
  get empty(): boolean {
    return this.#states.size === 0;
  }

  /** Applies a validated patch; fields left out keep their value. */
  apply(deviceID: string, patch: DeviceStatePatch, nowMs: number): DeviceState {
    const cur = this.get(deviceID);
    const patterns = new Map(cur.patterns);
    for (const [tag, p] of Object.entries(patch.values ?? {})) {
      if (p === null) patterns.delete(tag);
      else patterns.set(tag, { pattern: p, sinceMs: nowMs });
    }
    const next: DeviceState = {
      online: patch.online ?? cur.online,
      failedTags: patch.failed_tags ? new Set(patch.failed_tags) : cur.failedTags,
      patterns,
    };
    if (next.online && next.failedTags.size === 0 && next.patterns.size === 0) this.#states.delete(deviceID);
    else this.#states.set(deviceID, next);
    return next;
  }

  /** The value a patterned tag has at nowMs, or undefined for a live tag. */
  value(state: DeviceState, tagName: string, nowMs: number): FieldValue | undefined {
    const p = state.patterns.get(tagName);
    return p && patternValue(p.pattern, nowMs - p.sinceMs);
  }

  /** Everything set, as patches that rebuild it (snapshots); patterns restart from the moment they are applied. */
  patches(): Record<string, DeviceStatePatch> {
    const out: Record<string, DeviceStatePatch> = {};
    for (const [id, s] of this.#states) {
      out[id] = {
        online: s.online,
        failed_tags: [...s.failedTags],
        values: Object.fromEntries([...s.patterns].map(([tag, p]) => [tag, p.pattern])),
      };
    }
    return out;
  }

  clear(): void {
    this.#states.clear();
  }
}
