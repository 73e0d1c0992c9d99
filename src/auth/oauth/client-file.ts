// DATA_DIR/oauth-clients.json through credential-file.ts, as token-file.ts does tokens.json: create
// (the secret is returned once, only its hash stored), revoke, list.
import path from 'node:path';
import { addCredential, readCredentials, removeCredential, type CredentialFile } from '../credential-file.ts';
import type { Role } from '../credential-records.ts';
import {
  CLIENT_FILE_NAME,
  generateClientSecret,
  makeClientRecord,
  parseClientFile,
  serializeClientFile,
  type ClientRecord,
} from './clients.ts';

export function clientFilePath(dataDir: string): string {
  return path.join(dataDir, CLIENT_FILE_NAME);
}

function clientFile(file: string): CredentialFile<ClientRecord> {
  return { path: file, noun: 'OAuth client', aNoun: 'an OAuth client', kind: 'OAuth client file', parse: parseClientFile, serialize: serializeClientFile };
}

export function readClients(file: string): Promise<ClientRecord[]> {
  return readCredentials(clientFile(file));
}

/** Creates a client; the returned secret exists nowhere else (only its hash is stored). */
export async function createClient(file: string, name: string, role: Role): Promise<{ client_id: string; client_secret: string }> {
  const secret = generateClientSecret();
  const record = makeClientRecord(name, role, secret);
  await addCredential(clientFile(file), record);
  return { client_id: record.clientId, client_secret: secret };
}

export function revokeClient(file: string, name: string): Promise<void> {
  return removeCredential(clientFile(file), name);
}
