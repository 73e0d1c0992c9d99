// Shared by tests that talk to a built app: a known admin token (pass it as config.adminToken) and
// the Basic auth header the vendor document describes (token as username, empty password).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export function basic(token: string, password = ''): string {
  return 'Basic ' + Buffer.from(`${token}:${password}`).toString('base64');
}

export async function tempDir(prefix = 'auth-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
