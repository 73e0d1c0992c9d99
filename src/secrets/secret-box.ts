// AES-256-GCM sealing for secrets at rest (source passwords and tokens, adapter-kept passwords).
// The key comes from SECRET_KEY or from a key file created once under DATA_DIR with mode 0600.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.ts';

const PREFIX = 'enc:v1:';
export const KEY_FILE_NAME = 'secret.key';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Sealed form: `enc:v1:<iv>.<tag>.<ciphertext>`, base64url parts; a fresh 96-bit IV per value. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return PREFIX + [iv, tag, data].map((b) => b.toString('base64url')).join('.');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
      const parts = sealed.slice(PREFIX.length).split('.');
      if (parts.length !== 3) throw new Error('malformed sealed secret');
      const [iv, tag, data] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        // Never include the sealed text: the message may end up in a log.
        throw new Error('cannot decrypt a stored secret: wrong SECRET_KEY or a tampered file');
      }
    },
  };
}

/** The configured key, or the key file under dataDir (mode 0600), created once on first use. */
export async function loadSecretKey(dataDir: string, configured: Buffer | undefined): Promise<Buffer> {
  if (configured) return configured;
  const file = path.join(dataDir, KEY_FILE_NAME);
  await mkdir(dataDir, { recursive: true });
  // Written whole to a temp file first, then link()ed into place: link is atomic and fails if the
  // file exists, so a crash never leaves a half-written key and the loser of a race reads the winner's.
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFileAtomic(tmp, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    await link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(tmp, { force: true });
  }
  const hex = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error(`${file} must hold 64 hex characters (a 256-bit key)`);
  }
  return Buffer.from(hex, 'hex');
}
