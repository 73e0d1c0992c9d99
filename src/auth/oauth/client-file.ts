// Reads and changes DATA_DIR/oauth-clients.json, as token-file.ts does tokens.json: the CLI and a
// running server may both touch it, so each change holds the lock; writes are atomic, mode 0600.
import path from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../../fs/atomic-file.ts';
import { withFileLock } from '../../fs/file-lock.ts';
import { TokenStoreError, lockHeld } from '../token-file.ts';
import { nameProblem, type Role } from '../tokens.ts';
import {
  CLIENT_FILE_NAME,
  ClientFileError,
  generateClientSecret,
  makeClientRecord,
  parseClientFile,
  serializeClientFile,
  type ClientRecord,
} from './clients.ts';

export function clientFilePath(dataDir: string): string {
  return path.join(dataDir, CLIENT_FILE_NAME);
}

export async function readClients(file: string): Promise<ClientRecord[]> {
  try {
    return parseClientFile(await readJsonFile(file));
  } catch (err) {
    if (err instanceof ClientFileError || err instanceof SyntaxError) {
      throw new TokenStoreError(`${file} is not a valid OAuth client file: ${err.message}`);
    }
    throw err;
  }
}

async function update(file: string, change: (records: ClientRecord[]) => ClientRecord[]): Promise<void> {
  await withFileLock(
    file,
    async () => writeJsonAtomic(file, serializeClientFile(change(await readClients(file))), { mode: 0o600 }),
    lockHeld,
  );
}

/** Creates a client; the returned secret exists nowhere else (only its hash is stored). */
export async function createClient(
  file: string,
  name: string,
  role: Role,
): Promise<{ client_id: string; client_secret: string }> {
  const problem = nameProblem(name);
  if (problem) throw new TokenStoreError(`invalid name "${name}": ${problem}`);
  const secret = generateClientSecret();
  const record = makeClientRecord(name, role, secret);
  await update(file, (records) => {
    if (records.some((r) => r.name === name)) throw new TokenStoreError(`an OAuth client named "${name}" already exists`);
    return [...records, record];
  });
  return { client_id: record.clientId, client_secret: secret };
}

export async function revokeClient(file: string, name: string): Promise<void> {
  await update(file, (records) => {
    if (!records.some((r) => r.name === name)) throw new TokenStoreError(`no OAuth client named "${name}"`);
    return records.filter((r) => r.name !== name);
  });
}
