// A per-app, stale-while-revalidate cache of one serialized response body per source (GET /stats/db).
// The freshness rule it implements is stated in routes/stats/db.ts; this file only keeps the clock,
// the one refresh in flight, and the generation that API mutations bump.

export interface SnapshotCacheOptions<S extends object> {
  /** Reads the source and serializes; the result is what every request in the window is sent. */
  load: (source: S) => Promise<Buffer>;
  /** A snapshot at least this old is still served, but starts one background refresh. */
  refreshAfterMs: number;
  /** A snapshot this old is never served: requests wait for a fresh read (or its error). */
  maxAgeMs: number;
  /** Monotonic milliseconds; tests pass a fake clock. */
  now?: () => number;
}

interface Snapshot<S> {
  body: Buffer;
  /** When the read that produced it started: its data is at least this recent. */
  takenAt: number;
  source: S;
  generation: number;
}

interface Refresh<S> {
  /** Identifies one refresh, so its callbacks can tell whether a newer one replaced it. */
  id: object;
  promise: Promise<Buffer>;
  source: S;
  generation: number;
}

export class SnapshotCache<S extends object> {
  readonly #load: (source: S) => Promise<Buffer>;
  readonly #refreshAfterMs: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #snapshot: Snapshot<S> | undefined;
  #refresh: Refresh<S> | undefined;
  #generation = 0;

  constructor(options: SnapshotCacheOptions<S>) {
    if (!(options.refreshAfterMs >= 0 && options.maxAgeMs >= options.refreshAfterMs)) {
      throw new Error('SnapshotCache: need 0 <= refreshAfterMs <= maxAgeMs');
    }
    this.#load = options.load;
    this.#refreshAfterMs = options.refreshAfterMs;
    this.#maxAgeMs = options.maxAgeMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The body for `source` (compared by identity: a switched or rebuilt source never sees another's body). */
  get(source: S): Promise<Buffer> {
    const s = this.#snapshot;
    if (s && s.source === source && s.generation === this.#generation) {
      const age = this.#now() - s.takenAt;
      if (age < this.#maxAgeMs) {
        // Its failure is not lost: it drops the snapshot, so the next request waits and sees the error.
        if (age >= this.#refreshAfterMs) this.#start(source).catch(() => undefined);
        return Promise.resolve(s.body);
      }
    }
    return this.#start(source);
  }

  /** After a mutation through the API: the next get() waits for a read that started after it. */
  invalidate(): void {
    this.#generation += 1;
    this.#snapshot = undefined;
  }

  /** Joins the refresh in flight for this source and generation, or starts one. */
  #start(source: S): Promise<Buffer> {
    const running = this.#refresh;
    if (running && running.source === source && running.generation === this.#generation) return running.promise;
    const generation = this.#generation;
    const takenAt = this.#now();
    const id = {};
    // Only the latest refresh may write: an older one finishing late (a slow read of a source we
    // switched away from, or one that started before a mutation) must not replace newer data.
    const latest = () => this.#refresh?.id === id && this.#generation === generation;
    const promise = Promise.resolve()
      .then(() => this.#load(source))
      .then(
        (body) => {
          if (latest()) this.#snapshot = { body, takenAt, source, generation };
          return body;
        },
        (err: unknown) => {
          // A source that fails stops being served from cache at once (no stale 200 from a down source).
          if (latest()) this.#snapshot = undefined;
          throw err;
        },
      )
      .finally(() => {
        if (this.#refresh?.id === id) this.#refresh = undefined;
      });
    this.#refresh = { id, promise, source, generation };
    return promise;
  }
}
