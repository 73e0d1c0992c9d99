// Reads and changes a credential file under DATA_DIR (tokens.json, oauth-clients.json). The CLI and a
// running server both write them, so every read-modify-write holds a lock file; writes are atomic
// (temp + rename) and the file is mode 0600.
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import { withFileLock } from '../fs/file-lock.ts';
import { CredentialFileError, nameProblem } from './credential-records.ts';

export class TokenStoreError extends Error {
  override name = 'TokenStoreError';
}

/** The error for a lock file another process holds. */
function lockHeld(lock: string): TokenStoreError {
  return new TokenStoreError(`${lock} is held by another process; remove it if none is running`);
}

export interface CredentialFile<R extends { name: string }> {
  path: string;
  /** What one record is, in messages: `token`, `OAuth client`, and with its article. */
  noun: string;
  aNoun: string;
  /** What the file is, in messages: `token file`, `OAuth client file`. */
  kind: string;
  parse(value: unknown): R[];
  serialize(records: readonly R[]): unknown;
}

export async function readCredentials<R extends { name: string }>(f: CredentialFile<R>): Promise<R[]> {
  try {
    return f.parse(await readJsonFile(f.path));
  } catch (err) {
    if (err instanceof CredentialFileError || err instanceof SyntaxError) {
      throw new TokenStoreError(`${f.path} is not a valid ${f.kind}: ${err.message}`);
    }
    throw err;
  }
}

/** Runs `change` on the records under the lock; writes only when it returns a new list. */
export async function updateCredentials<R extends { name: string }, T>(
  f: CredentialFile<R>,
  change: (records: R[]) => { records: R[]; result: T },
): Promise<T> {
  return withFileLock(
    f.path,
    async () => {
      const before = await readCredentials(f);
      const { records, result } = change(before);
      if (records !== before) await writeJsonAtomic(f.path, f.serialize(records), { mode: 0o600 });
      return result;
    },
    lockHeld,
  );
}

/** Adds `record` under a new, valid name. */
export async function addCredential<R extends { name: string }>(f: CredentialFile<R>, record: R): Promise<void> {
  const problem = nameProblem(record.name);
  if (problem) throw new TokenStoreError(`invalid name "${record.name}": ${problem}`);
  await updateCredentials(f, (records) => {
    if (records.some((r) => r.name === record.name)) throw new TokenStoreError(`${f.aNoun} named "${record.name}" already exists`);
    return { records: [...records, record], result: undefined };
  });
}

export async function removeCredential<R extends { name: string }>(f: CredentialFile<R>, name: string): Promise<void> {
  await updateCredentials(f, (records) => {
    if (!records.some((r) => r.name === name)) throw new TokenStoreError(`no ${f.noun} named "${name}"`);
    return { records: records.filter((r) => r.name !== name), result: undefined };
  });
}
