// A state file another process changes while we run (the token CLI writes tokens.json and
// oauth-clients.json): a cheap stat() on a timer, and `load` runs again only when the file changed.
import { statSync } from 'node:fs';

export class PolledFile {
  // ino changes on every atomic rename, so a rewrite within the mtime granularity is still seen.
  private signature = '';
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private readonly file: string;
  private readonly load: (exists: boolean) => Promise<void>;
  private readonly onError: (err: unknown) => void;

  /** load(exists) reads the file and swaps it in; onError hears a failed reload (the last good state stays). */
  constructor(file: string, load: (exists: boolean) => Promise<void>, onError: (err: unknown) => void) {
    this.file = file;
    this.load = load;
    this.onError = onError;
  }

  /** Loads the file now (errors propagate: a broken state file stops start-up) and starts polling. */
  async start(pollMs: number): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.refresh(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Re-reads the file if it changed; concurrent calls share one check. */
  refresh(): Promise<void> {
    this.refreshing ??= this.check().then(
      () => {
        this.refreshing = undefined;
      },
      (err: unknown) => {
        this.refreshing = undefined;
        this.onError(err);
      },
    );
    return this.refreshing;
  }

  private async check(): Promise<void> {
    // Synchronous, and no error for a missing file: a file that is not there (oauth-clients.json until the
    // CLI writes one) was a rejected stat() twice a second, and fs/promises stamps each rejection's stack
    // (Error.captureStackTrace), which puts an accessor pair and a map in V8's old generation: idle garbage
    // (bench/README.md, "Memory over time"). A stat of a local file takes microseconds; SQLite already does
    // its I/O on DATA_DIR synchronously.
    const s = statSync(this.file, { throwIfNoEntry: false });
    const signature = s ? `${s.ino}:${s.mtimeMs}:${s.size}` : 'missing';
    if (signature === this.signature) return;
    await this.load(signature !== 'missing');
    this.signature = signature;
  }
}
