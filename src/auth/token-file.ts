// Reads and changes DATA_DIR/tokens.json. The CLI and a running server both write it, so every
// read-modify-write holds a lock file; writes are atomic (temp + rename) and the file is mode 0600.
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import {
  TOKEN_FILE_NAME,
  TokenFileError,
  generateToken,
  hashToken,
  makeRecord,
  nameProblem,
  parseTokenFile,
  serializeTokenFile,
  type Role,
  type TokenRecord,
} from './tokens.ts';

/** The token ensured from ADMIN_TOKEN; replaced when ADMIN_TOKEN changes. */
export const ENV_ADMIN_NAME = 'env-admin';
/** The token generated when the store is empty at start-up. */
export const GENERATED_ADMIN_NAME = 'admin';

// A lock older than this was left by a killed process; no holder keeps it for more than a write.
const STALE_LOCK_MS = 10_000;
// Longer than STALE_LOCK_MS, so a lock left by a crash is broken rather than reported.
const LOCK_WAIT_MS = STALE_LOCK_MS + 2_000;

export class TokenStoreError extends Error {
  override name = 'TokenStoreError';
}

export function tokenFilePath(dataDir: string): string {
  return path.join(dataDir, TOKEN_FILE_NAME);
}

export async function readTokens(file: string): Promise<TokenRecord[]> {
  try {
    return parseTokenFile(await readJsonFile(file));
  } catch (err) {
    if (err instanceof TokenFileError || err instanceof SyntaxError) {
      throw new TokenStoreError(`${file} is not a valid token file: ${err.message}`);
    }
    throw err;
  }
}

async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
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
      else if (Date.now() > deadline) {
        throw new TokenStoreError(`${lock} is held by another process; remove it if none is running`);
      } else await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

async function update<T>(file: string, change: (records: TokenRecord[]) => { records: TokenRecord[]; result: T }) {
  return withLock(file, async () => {
    const before = await readTokens(file);
    const { records, result } = change(before);
    if (records !== before) await writeJsonAtomic(file, serializeTokenFile(records), { mode: 0o600 });
    return result;
  });
}

/** Creates a token and returns it; the only time the token exists outside the caller's hands. */
export async function createToken(file: string, name: string, role: Role): Promise<string> {
  const problem = nameProblem(name);
  if (problem) throw new TokenStoreError(`invalid name "${name}": ${problem}`);
  const token = generateToken();
  return update(file, (records) => {
    if (records.some((r) => r.name === name)) throw new TokenStoreError(`a token named "${name}" already exists`);
    return { records: [...records, makeRecord(name, role, token)], result: token };
  });
}

export async function revokeToken(file: string, name: string): Promise<void> {
  await update(file, (records) => {
    if (!records.some((r) => r.name === name)) throw new TokenStoreError(`no token named "${name}"`);
    return { records: records.filter((r) => r.name !== name), result: undefined };
  });
}

/**
 * Start-up: ensure ADMIN_TOKEN as an admin token, or, when the store holds no token at all,
 * generate one admin token. Returns the generated token (to be shown once) or undefined.
 */
export async function bootstrapTokens(file: string, adminToken: string | undefined): Promise<string | undefined> {
  return update(file, (records) => {
    if (adminToken !== undefined) {
      const hash = hashToken(adminToken);
      const current = records.find((r) => r.name === ENV_ADMIN_NAME);
      if (current?.hash === hash && current.role === 'admin') return { records, result: undefined };
      const others = records.filter((r) => r.name !== ENV_ADMIN_NAME);
      return { records: [...others, makeRecord(ENV_ADMIN_NAME, 'admin', adminToken)], result: undefined };
    }
    if (records.length > 0) return { records, result: undefined };
    const token = generateToken();
    return { records: [makeRecord(GENERATED_ADMIN_NAME, 'admin', token)], result: token };
  });
}
