// A lock file beside a state file that several processes read-modify-write (the CLI and a running
// server both change tokens.json and oauth-clients.json): O_EXCL create, and a lock left by a killed
// process is broken once it is older than any holder keeps it.
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// A lock older than this was left by a killed process; no holder keeps it for more than a write.
const STALE_LOCK_MS = 10_000;
// Longer than STALE_LOCK_MS, so a lock left by a crash is broken rather than reported.
const LOCK_WAIT_MS = STALE_LOCK_MS + 2_000;

/** Runs fn holding `${file}.lock`; `held(lock)` builds the error thrown when another process keeps it. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, held: (lock: string) => Error): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await (await open(lock, 'wx', 0o600)).close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(path.dirname(file), { recursive: true });
        continue;
      }
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw held(lock);
      else await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}
