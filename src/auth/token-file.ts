// Reads and changes DATA_DIR/tokens.json. The CLI and a running server both write it, so every
// read-modify-write holds a lock file; writes are atomic (temp + rename) and the file is mode 0600.
import path from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import { withFileLock } from '../fs/file-lock.ts';
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

export class TokenStoreError extends Error {
  override name = 'TokenStoreError';
}

/** The error for a lock file another process holds; shared by every store under DATA_DIR's lock. */
export function lockHeld(lock: string): TokenStoreError {
  return new TokenStoreError(`${lock} is held by another process; remove it if none is running`);
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

async function update<T>(file: string, change: (records: TokenRecord[]) => { records: TokenRecord[]; result: T }) {
  return withFileLock(
    file,
    async () => {
      const before = await readTokens(file);
      const { records, result } = change(before);
      if (records !== before) await writeJsonAtomic(file, serializeTokenFile(records), { mode: 0o600 });
      return result;
    },
    lockHeld,
  );
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
