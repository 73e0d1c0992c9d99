// What the command-line tools (token-cli.ts, emulator/cli.ts) share: bad usage is one error type (they
// print it with the usage text and exit 2), and node:util's strict parseArgs complains through it.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Flags as declared in `options`, positionals allowed; an unknown flag or a missing value is a UsageError. */
export function parseFlags<const T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
