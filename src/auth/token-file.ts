// DATA_DIR/tokens.json through credential-file.ts (locked, atomic, 0600): create, revoke, list, and the
// start-up tokens (ADMIN_TOKEN, or one generated admin token for an empty store).
import path from 'node:path';
import type { Role } from './credential-records.ts';
import { addCredential, readCredentials, removeCredential, updateCredentials, type CredentialFile } from './credential-file.ts';
import { TOKEN_FILE_NAME, generateToken, hashToken, makeRecord, parseTokenFile, serializeTokenFile, type TokenRecord } from './tokens.ts';

export { TokenStoreError } from './credential-file.ts';

/** The token ensured from ADMIN_TOKEN; replaced when ADMIN_TOKEN changes. */
export const ENV_ADMIN_NAME = 'env-admin';
/** The token generated when the store is empty at start-up. */
export const GENERATED_ADMIN_NAME = 'admin';

export function tokenFilePath(dataDir: string): string {
  return path.join(dataDir, TOKEN_FILE_NAME);
}

function tokenFile(file: string): CredentialFile<TokenRecord> {
  return { path: file, noun: 'token', aNoun: 'a token', kind: 'token file', parse: parseTokenFile, serialize: serializeTokenFile };
}

export function readTokens(file: string): Promise<TokenRecord[]> {
  return readCredentials(tokenFile(file));
}

/** Creates a token and returns it; the only time the token exists outside the caller's hands. */
export async function createToken(file: string, name: string, role: Role): Promise<string> {
  const token = generateToken();
  await addCredential(tokenFile(file), makeRecord(name, role, token));
  return token;
}

export function revokeToken(file: string, name: string): Promise<void> {
  return removeCredential(tokenFile(file), name);
}

/**
 * Start-up: ensure ADMIN_TOKEN as an admin token, or, when the store holds no token at all,
 * generate one admin token. Returns the generated token (to be shown once) or undefined.
 */
export async function bootstrapTokens(file: string, adminToken: string | undefined): Promise<string | undefined> {
  return updateCredentials(tokenFile(file), (records) => {
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
