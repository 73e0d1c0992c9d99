// DB users on InfluxDB 1.x (notes §1.3, §1.4): SHOW USERS/GRANTS for listing, CREATE USER with rollback,
// grants made additive by reading the current privilege first (GRANT replaces on 1.x), REVOKE bit-clears.
// The adapter's own account is hidden from listings and cannot be changed or dropped through the API.
import { badRequest, conflict, notFound } from '../../../errors.ts';
import { PRIVILEGES, type DbUser, type Grant, type Privilege, type RevocablePrivilege } from '../../adapter.ts';
import { privilegeKeyword, qIdent, qStr } from './influxql.ts';
import { parseInfluxPrivilege, toBits } from './privileges.ts';
import { byCodePoint, firstColumn, rows } from './results.ts';
import { showMany } from './show.ts';
import type { InfluxHttp } from './transport.ts';

const REVOCABLE: readonly string[] = ['READ', 'WRITE', 'ALL'];

export class InfluxUsers {
  readonly #http: InfluxHttp;
  readonly #own: string | undefined;
  readonly #requireDatabases: (names: readonly string[]) => Promise<void>;

  constructor(http: InfluxHttp, ownAccount: string | undefined, requireDatabases: (n: readonly string[]) => Promise<void>) {
    this.#http = http;
    this.#own = ownAccount || undefined;
    this.#requireDatabases = requireDatabases;
  }

  async list(): Promise<DbUser[]> {
    const names = (await this.#names()).filter((n) => n !== this.#own).sort(byCodePoint);
    const results = await showMany(this.#http, names.map((n) => `SHOW GRANTS FOR ${qIdent(n)}`));
    const users: DbUser[] = [];
    names.forEach((name, i) => {
      const r = results[i];
      if (r?.error === 'user not found') return; // dropped between the two requests
      if (r?.error !== undefined) throw this.#http.statementError(r.error);
      const grants: Grant[] = [];
      for (const row of rows(r)) {
        const privileges = parseInfluxPrivilege(String(row.privilege));
        if (privileges) grants.push({ database: String(row.database), privileges });
      }
      // InfluxDB iterates a Go map here, so the order is random.
      grants.sort((a, b) => byCodePoint(a.database, b.database));
      users.push({ name, grants });
    });
    return users;
  }

  async create(name: string, password: string, grants: Grant[]): Promise<void> {
    if (name === '') throw badRequest('user name must not be empty');
    requirePassword(password);
    // Duplicate databases in one request add up, like consecutive grants do.
    const merged = new Map<string, number>();
    for (const g of grants) {
      if (!PRIVILEGES.includes(g.privileges)) throw badRequest(`unknown privilege ${JSON.stringify(g.privileges)}`);
      merged.set(g.database, (merged.get(g.database) ?? 0) | toBits(g.privileges));
    }
    await this.#requireDatabases([...merged.keys()]);
    if ((await this.#names()).includes(name)) {
      // CREATE USER with the same password is a silent success on 1.x; the document wants a failure.
      throw conflict(`user ${JSON.stringify(name)} already exists on ${this.#http.source}`);
    }
    await this.#http.exec(`CREATE USER ${qIdent(name)} WITH PASSWORD ${qStr(password)}`, { secrets: [password] });
    try {
      for (const [db, bits] of merged) await this.#set(name, db, bits);
    } catch (err) {
      // All-or-nothing: a user without the grants the caller asked for is not left behind.
      await this.#http.exec(`DROP USER ${qIdent(name)}`).catch(() => undefined);
      throw err;
    }
  }

  async grant(user: string, database: string, privilege: Privilege): Promise<void> {
    this.#notOwn(user);
    if (!PRIVILEGES.includes(privilege)) throw badRequest(`unknown privilege ${JSON.stringify(privilege)}`);
    await this.#requireDatabases([database]);
    const current = await this.#current(user, database);
    // The document: READ then WRITE is ALL; NO PRIVILEGES clears whatever was there.
    await this.#set(user, database, privilege === 'NO PRIVILEGES' ? 0 : current | toBits(privilege));
  }

  async revoke(user: string, database: string, privilege: RevocablePrivilege): Promise<void> {
    this.#notOwn(user);
    if (!REVOCABLE.includes(privilege)) {
      throw badRequest(`cannot revoke ${JSON.stringify(privilege)}: allowed are READ, WRITE, ALL`);
    }
    await this.#requireDatabases([database]);
    // REVOKE bit-clears on the server, which is the document's semantics already.
    await this.#http.exec(`REVOKE ${privilege} ON ${qIdent(database)} FROM ${qIdent(user)}`);
  }

  async setPassword(user: string, password: string): Promise<void> {
    this.#notOwn(user);
    requirePassword(password);
    await this.#http.exec(`SET PASSWORD FOR ${qIdent(user)} = ${qStr(password)}`, { secrets: [password] });
  }

  async drop(user: string): Promise<void> {
    this.#notOwn(user);
    await this.#http.exec(`DROP USER ${qIdent(user)}`);
  }

  async #names(): Promise<string[]> {
    return firstColumn(await this.#http.exec('SHOW USERS'));
  }

  /** The user's current privilege bits on `database` (0 without a row); 404 for a missing user. */
  async #current(user: string, database: string): Promise<number> {
    const r = await this.#http.exec(`SHOW GRANTS FOR ${qIdent(user)}`);
    const row = rows(r).find((x) => x.database === database);
    const p = row ? parseInfluxPrivilege(String(row.privilege)) : undefined;
    return p ? toBits(p) : 0;
  }

  async #set(user: string, database: string, bits: number): Promise<void> {
    // GRANT NO PRIVILEGES is a parse error; REVOKE ALL leaves the explicit NO PRIVILEGES row listings show.
    const q =
      bits === 0
        ? `REVOKE ALL ON ${qIdent(database)} FROM ${qIdent(user)}`
        : `GRANT ${privilegeKeyword(bits)} ON ${qIdent(database)} TO ${qIdent(user)}`;
    await this.#http.exec(q);
  }

  #notOwn(user: string): void {
    if (user === this.#own) {
      // Changing or dropping it would cut the emulator off from its own storage.
      throw notFound(`user ${JSON.stringify(user)} not found (it is the account this source connects with)`);
    }
  }
}

function requirePassword(password: string): void {
  // InfluxDB accepts empty passwords; the document says the password is required.
  if (typeof password !== 'string' || password === '') throw badRequest('password must not be empty');
}
