// Reads the sampler's /proc files. On procfs a file stays open and is re-read from offset 0, which makes
// the kernel generate it afresh (seq_file), saving an open and a close per file and sample; anything
// else (a fixture tree whose files are replaced between samples) is opened on every read.
import { closeSync, openSync, readFileSync, readSync, statfsSync } from 'node:fs';

/** statfs f_type of procfs (linux/magic.h). */
const PROC_SUPER_MAGIC = 0x9fa0;

export class ProcFiles {
  readonly #fds = new Map<string, number>();
  /** Files known not to be on procfs: read whole each time. */
  readonly #plain = new Set<string>();
  #buf = Buffer.allocUnsafe(16 * 1024);

  read(file: string): string {
    const fd = this.#fds.get(file) ?? this.#open(file);
    if (fd === undefined) return readFileSync(file, 'utf8');
    try {
      return this.#readAll(fd);
    } catch (err) {
      // Reopened on the next read, so a transient failure does not stick.
      this.#fds.delete(file);
      closeSync(fd);
      throw err;
    }
  }

  close(): void {
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }

  #open(file: string): number | undefined {
    if (this.#plain.has(file)) return undefined;
    if (statfsSync(file).type !== PROC_SUPER_MAGIC) {
      this.#plain.add(file);
      return undefined;
    }
    const fd = openSync(file, 'r');
    this.#fds.set(file, fd);
    return fd;
  }

  #readAll(fd: number): string {
    let length = 0;
    for (;;) {
      if (length === this.#buf.length) {
        const bigger = Buffer.allocUnsafe(this.#buf.length * 2);
        this.#buf.copy(bigger);
        this.#buf = bigger;
      }
      const n = readSync(fd, this.#buf, length, this.#buf.length - length, length);
      if (n === 0) return this.#buf.toString('utf8', 0, length);
      length += n;
    }
  }
}
