// Turns raw /proc/net/dev readings into counters that never go backwards, per interface.
// No I/O: the sampler feeds it one parsed reading per sample.
//
// "Since service start" (the vendor's wording) means: bytes the interface moved while this process
// was sampling. Interfaces present at the first sample start at 0; an interface that appears later
// came up after we started, so all its kernel-counted bytes count. Between samples we add the
// difference; a drop is a wrap of a 32-bit counter (still common on ARM32 edge kernels, where
// /proc/net/dev prints an unsigned long) or a reset (interface deleted and re-created), never a
// reason to go down. A vanished interface leaves the output (its series goes stale in Prometheus);
// its total is remembered, so if the name returns the series resumes above where it stopped.
import type { IfaceBytes } from './netdev.ts';

const WRAP = 2 ** 32;
/** Remembered vanished interfaces (container veths churn); the oldest are forgotten first. */
const MAX_VANISHED = 1024;

interface Entry {
  prev: IfaceBytes;
  total: IfaceBytes;
  lastSeen: number;
}

/** Bytes moved between two raw readings of one counter. */
export function counterDelta(prev: number, cur: number): number {
  if (cur >= prev) return cur - prev;
  // Crossing 2^32 by less than 2^31 bytes in one interval is a wrap (2 GB per second is far beyond
  // a 32-bit platform's NICs); anything else is a reset, and the new reading is all new traffic.
  const wrapped = WRAP - prev + cur;
  if (prev < WRAP && wrapped <= WRAP / 2) return wrapped;
  return cur;
}

export class NetCounters {
  #entries = new Map<string, Entry>();
  #samples = 0;

  /** Feeds one reading; returns the monotonic totals of the interfaces present in it, sorted by name. */
  update(reading: Map<string, IfaceBytes>): Map<string, IfaceBytes> {
    const first = this.#samples === 0;
    this.#samples += 1;
    const out = new Map<string, IfaceBytes>();
    for (const name of [...reading.keys()].sort()) {
      const cur = reading.get(name) as IfaceBytes;
      const entry = this.#entries.get(name);
      let total: IfaceBytes;
      if (entry) {
        total = {
          rx: entry.total.rx + counterDelta(entry.prev.rx, cur.rx),
          tx: entry.total.tx + counterDelta(entry.prev.tx, cur.tx),
        };
      } else {
        total = first ? { rx: 0, tx: 0 } : { ...cur };
      }
      this.#entries.set(name, { prev: cur, total, lastSeen: this.#samples });
      out.set(name, total);
    }
    this.#forgetOldVanished(reading.size);
    return out;
  }

  #forgetOldVanished(present: number): void {
    let excess = this.#entries.size - present - MAX_VANISHED;
    if (excess <= 0) return;
    const vanished = [...this.#entries].filter(([, e]) => e.lastSeen !== this.#samples);
    vanished.sort((a, b) => a[1].lastSeen - b[1].lastSeen);
    for (const [name] of vanished) {
      if (excess-- <= 0) break;
      this.#entries.delete(name);
    }
  }
}
