// Reused request-body buffers for /write. A fresh ~0.5 MB body per request was garbage that V8 had to collect
// from its old generation; a small free list makes the write path allocate nothing per request once warm.
// A buffer is taken for one request and given back only when that request has settled and its body has left
// the process (a retried request sends the same bytes again, and libuv writes straight from the buffer).

/** The smallest buffer made, so small calls do not each start a buffer of their own size. */
const MIN_BYTES = 64 * 1024;
/** A body grown past this (long string values) is dropped after use rather than kept. */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;

export class BodyBuffers {
  readonly #free: Buffer[] = [];
  readonly #keep: number;

  /** `keep`: buffers kept when idle; the requests one call has in flight plus the one being built. */
  constructor(keep: number) {
    this.#keep = keep;
  }

  /** A buffer of at least `hint` bytes when one is free or can be made; the encoder grows it if needed. */
  take(hint: number): Buffer {
    const free = this.#free.pop();
    if (free && free.length >= hint) return free;
    // allocUnsafeSlow: never a slice of Node's shared pool, so the whole buffer is ours to keep and reuse.
    return Buffer.allocUnsafeSlow(Math.max(MIN_BYTES, hint, free?.length ?? 0));
  }

  /** Gives back the buffer that `bytes` (a view from the encoder) lives in. */
  give(bytes: Buffer): void {
    const whole = bytes.buffer;
    if (bytes.byteOffset !== 0 || whole.byteLength > MAX_KEPT_BYTES || this.#free.length >= this.#keep) return;
    if (!(whole instanceof ArrayBuffer)) return;
    this.#free.push(Buffer.from(whole));
  }
}
