// Waiting for an effect that shows up eventually (a token file picked up, points landed, a fault applied): one
// polling loop, read again every few ms until a deadline, so no test waits by sleeping a guessed time.

/** Calls `probe` until `done` accepts its value or `deadlineMs` passed; returns the last value either
 * way, so the caller's assertion reports what was seen. */
export async function pollUntil<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, deadlineMs = 5000, everyMs = 50): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Whether `check` came to hold within `timeoutMs`. */
export function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  return pollUntil(check, Boolean, timeoutMs);
}

/** Resolves once `check` holds; throws naming `what` after `deadlineMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 20_000): Promise<void> {
  if (!(await pollUntil(check, Boolean, deadlineMs, 25))) throw new Error(`timed out waiting for: ${what}`);
}
