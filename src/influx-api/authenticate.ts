// Checks a user's password against the embedded engine's scrypt hash. scrypt costs tens of ms by design,
// so, like influxd's meta client (its authCache over bcrypt), a successful check is remembered as a salted
// SHA-256 of the password next to the stored hash it was verified against: a password change or a deleted
// user (the stored hash changes or goes) invalidates it on the very next request. Failures always pay scrypt.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from '../tsdb/adapters/embedded/password.ts';
import type { InfluxStorage, InfluxUser } from './engine.ts';

interface Remembered {
  storedHash: string;
  salt: Buffer;
  digest: Buffer;
}

export type AuthResult = { ok: true; name: string; user: InfluxUser } | { ok: false; error: string };

const MAX_REMEMBERED = 10_000;

export class Authenticator {
  readonly #storage: InfluxStorage;
  readonly #remembered = new Map<string, Remembered>();

  constructor(storage: InfluxStorage) {
    this.#storage = storage;
  }

  async authenticate(username: string, password: string): Promise<AuthResult> {
    if (username === '') return { ok: false, error: 'username required' };
    const user = this.#storage.influxUser(username);
    if (!user) return { ok: false, error: 'authorization failed' };
    const known = this.#remembered.get(username);
    if (known && known.storedHash === user.hash && timingSafeEqual(known.digest, digest(known.salt, password))) {
      return { ok: true, name: username, user };
    }
    if (!(await verifyPassword(password, user.hash))) return { ok: false, error: 'authorization failed' };
    // The user may have changed while scrypt ran; remember only against the hash actually verified.
    if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
    const salt = randomBytes(16);
    this.#remembered.set(username, { storedHash: user.hash, salt, digest: digest(salt, password) });
    return { ok: true, name: username, user };
  }
}

function digest(salt: Buffer, password: string): Buffer {
  return createHash('sha256').update(salt).update(password).digest();
}
