// The metadata store: its own SQLite file holding database names (mapped to generated file names,
// since names may hold anything InfluxDB allows), users with scrypt hashes, and grants as bit sets.
// Every method is one short synchronous statement or transaction.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction, openSqlite, prepareArrays } from './sqlite.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS databases (name TEXT PRIMARY KEY, file TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grants (
  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  database TEXT NOT NULL REFERENCES databases(name) ON DELETE CASCADE,
  bits INTEGER NOT NULL,
  PRIMARY KEY (user, database)
) WITHOUT ROWID;
`;

type StatementName =
  | 'getSetting' | 'setSetting' | 'listDbs' | 'getDb' | 'insertDb' | 'deleteDb' | 'getUser' | 'insertUser'
  | 'setHash' | 'getHash' | 'deleteUser' | 'listGrants' | 'getGrant' | 'setGrant' | 'userGrants';

export interface GrantRow {
  user: string;
  database: string | null;
  bits: number | null;
}

export class MetaStore {
  readonly db: DatabaseSync;
  readonly #s: Record<StatementName, StatementSync>;

  constructor(file: string) {
    this.db = openSqlite(file);
    try {
      this.db.exec(SCHEMA);
    } catch (err) {
      this.db.close();
      throw err;
    }
    const p = (sql: string) => this.db.prepare(sql);
    this.#s = {
      getSetting: p('SELECT value FROM settings WHERE key = ?'),
      setSetting: p('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      // Creation order (rowid), as influxd's meta store keeps its databases.
      listDbs: p('SELECT name, file FROM databases ORDER BY rowid'),
      // Asked on every write (storage.ts, handle()).
      getDb: prepareArrays(this.db, 'SELECT file FROM databases WHERE name = ?'),
      insertDb: p('INSERT INTO databases (name, file) VALUES (?, ?)'),
      deleteDb: p('DELETE FROM databases WHERE name = ?'),
      getUser: p('SELECT 1 AS x FROM users WHERE name = ?'),
      insertUser: p('INSERT INTO users (name, password_hash) VALUES (?, ?)'),
      setHash: p('UPDATE users SET password_hash = ? WHERE name = ?'),
      getHash: p('SELECT password_hash AS h FROM users WHERE name = ?'),
      deleteUser: p('DELETE FROM users WHERE name = ?'),
      listGrants: p('SELECT u.name AS user, g.database AS database, g.bits AS bits FROM users u LEFT JOIN grants g ON g.user = u.name'),
      getGrant: p('SELECT bits FROM grants WHERE user = ? AND database = ?'),
      userGrants: p('SELECT database, bits FROM grants WHERE user = ?'),
      setGrant: p('INSERT INTO grants (user, database, bits) VALUES (?, ?, ?) ON CONFLICT (user, database) DO UPDATE SET bits = excluded.bits'),
    };
  }

  setting(key: string): string | undefined {
    return (this.#s.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.#s.setSetting.run(key, value);
  }

  databases(): { name: string; file: string }[] {
    return this.#s.listDbs.all() as { name: string; file: string }[];
  }

  databaseFile(name: string): string | undefined {
    return (this.#s.getDb.get(name) as unknown as [string] | undefined)?.[0];
  }

  insertDatabase(name: string, file: string): void {
    this.#s.insertDb.run(name, file);
  }

  /** Removes the database and, by cascade, every grant on it. False when it did not exist. */
  deleteDatabase(name: string): boolean {
    return Number(this.#s.deleteDb.run(name).changes) > 0;
  }

  hasUser(name: string): boolean {
    return this.#s.getUser.get(name) !== undefined;
  }

  passwordHash(name: string): string | undefined {
    return (this.#s.getHash.get(name) as { h: string } | undefined)?.h;
  }

  insertUser(name: string, hash: string): void {
    this.#s.insertUser.run(name, hash);
  }

  setPasswordHash(name: string, hash: string): boolean {
    return Number(this.#s.setHash.run(hash, name).changes) > 0;
  }

  deleteUser(name: string): boolean {
    return Number(this.#s.deleteUser.run(name).changes) > 0;
  }

  /** One row per (user, grant); users without grants come with database and bits null. */
  grantRows(): GrantRow[] {
    return this.#s.listGrants.all() as unknown as GrantRow[];
  }

  /** The user's grants as (database, bits) rows; none for a missing user. */
  userGrants(user: string): { database: string; bits: number }[] {
    return this.#s.userGrants.all(user) as { database: string; bits: number }[];
  }

  grantBits(user: string, database: string): number | undefined {
    return (this.#s.getGrant.get(user, database) as { bits: number } | undefined)?.bits;
  }

  setGrant(user: string, database: string, bits: number): void {
    this.#s.setGrant.run(user, database, bits);
  }

  transaction<T>(fn: () => T): T {
    return inTransaction(this.db, fn);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
