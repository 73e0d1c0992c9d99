// Gives every point of one DeviceHub series (one subject) the same measurement string and tags object, as the
// line-protocol parser does for the points of one series key: the embedded engine finds a series' ids by the
// identity of its tags object (series-store.ts), so a fresh object per message defeated that cache.
import type { Point } from '../tsdb/adapter.ts';

/** Bound on remembered subjects, so a flood of invented IDs cannot grow memory forever (as seen-devices.ts). */
const MAX_SUBJECTS = 100_000;

interface SeriesIdentity {
  measurement: string;
  tags: Record<string, string>;
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/**
 * Why it matters beyond the lookup: a new key per point made the engine add a WeakMap entry per point, and
 * V8's scavenger treats WeakMap values as strong (only keys are weak; scavenger.cc, VisitEphemeron), so a
 * value outlives its key by one scavenge: the entries (and the measurement strings they held) of points still
 * buffered at a scavenge were promoted to the old generation, garbage an idle server keeps until its rare
 * full GC (bench/README.md, "Memory over time"). The shared objects are never mutated downstream.
 */
export class StableSeries {
  readonly #last = new Map<string, SeriesIdentity>();

  /** `point` with the measurement and tags of the subject's previous point when they are equal. */
  stable(subject: string, point: Point): Point {
    const prev = this.#last.get(subject);
    if (prev && prev.measurement === point.measurement && sameTags(prev.tags, point.tags)) {
      point.measurement = prev.measurement;
      point.tags = prev.tags;
      return point;
    }
    if (!prev && this.#last.size >= MAX_SUBJECTS) this.#last.clear();
    this.#last.set(subject, { measurement: point.measurement, tags: point.tags });
    return point;
  }
}
