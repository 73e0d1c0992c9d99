// A fixed-capacity FIFO that drops its oldest items when full: the writer's buffer while the TSDB is
// down. Memory is one preallocated array, whatever the outage length.

export class Ring<T> {
  readonly capacity: number;
  readonly #items: (T | undefined)[];
  #head = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.#items = new Array<T | undefined>(capacity).fill(undefined);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends; returns 1 if the oldest item was dropped to make room, else 0. */
  push(item: T): number {
    if (this.#length === this.capacity) {
      this.#items[(this.#head + this.#length) % this.capacity] = item;
      this.#head = (this.#head + 1) % this.capacity;
      return 1;
    }
    this.#items[(this.#head + this.#length) % this.capacity] = item;
    this.#length++;
    return 0;
  }

  /** Removes and returns up to n items from the front, oldest first. */
  shift(n: number): T[] {
    const count = Math.min(n, this.#length);
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) {
      const idx = (this.#head + i) % this.capacity;
      out[i] = this.#items[idx] as T;
      this.#items[idx] = undefined;
    }
    this.#head = (this.#head + count) % this.capacity;
    this.#length -= count;
    return out;
  }

  /**
   * Puts items (older than everything held) back at the front, for a batch whose write failed. When they do
   * not all fit, the oldest of them are dropped; returns how many were dropped.
   */
  unshift(items: readonly T[]): number {
    const room = this.capacity - this.#length;
    const keep = Math.min(room, items.length);
    const dropped = items.length - keep;
    for (let i = items.length - 1; i >= dropped; i--) {
      this.#head = (this.#head - 1 + this.capacity) % this.capacity;
      this.#items[this.#head] = items[i];
      this.#length++;
    }
    return dropped;
  }

  /** Empties the ring; returns how many items were discarded. */
  clear(): number {
    const n = this.#length;
    // Only the occupied slots: this runs on every flush while persistence is disabled.
    for (let i = 0; i < n; i++) this.#items[(this.#head + i) % this.capacity] = undefined;
    this.#head = 0;
    this.#length = 0;
    return n;
  }
}
