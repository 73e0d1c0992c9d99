// DB users on InfluxDB 1.x (notes §1.3, §1.4): SHOW USERS/GRANTS for listing, CREATE USER with rollback,
// grants made additive by reading the current privilege first (GRANT replaces on 1.x), REVOKE bit-clears.
// The adapter's own account is hidden from listings and cannot be changed or dropped through the API.
import { byCodeUnit } from '../../../compare.ts';
import { conflict, notFound } from '../../../errors.ts';
import type { DbUser, Grant, Privilege, RevocablePrivilege } from '../../adapter.ts';
import { checkName, checkPassword } from '../../names.ts';
import { afterGrant, checkCreateUser, checkPrivilege, checkRevocable, grantBitsByDatabase, toBits } from '../../privileges.ts';
import { qIdent, qStr } from '../../../influxql/quote.ts';
import { parseInfluxPrivilege, privilegeKeyword } from './privileges.ts';
import { firstColumn, rows } from './results.ts';
import { showMany } from './show.ts';
import type { InfluxHttp } from './transport.ts';

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
    const names = (await this.#names()).filter((n) => n !== this.#own).sort(byCodeUnit);
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
      grants.sort((a, b) => byCodeUnit(a.database, b.database));
      users.push({ name, grants });
    });
    return users;
  }

  async create(name: string, password: string, grants: Grant[]): Promise<void> {
    checkCreateUser(name, password, grants);
    const merged = grantBitsByDatabase(grants);
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
    this.#checkUser(user);
    checkName('database', database);
    checkPrivilege(privilege);
    await this.#requireDatabases([database]);
    await this.#set(user, database, afterGrant(await this.#current(user, database), privilege));
  }

  async revoke(user: string, database: string, privilege: RevocablePrivilege): Promise<void> {
    this.#checkUser(user);
    checkName('database', database);
    checkRevocable(privilege);
    await this.#requireDatabases([database]);
    // REVOKE bit-clears on the server: the same arithmetic as afterRevoke in tsdb/privileges.ts.
    await this.#http.exec(`REVOKE ${privilege} ON ${qIdent(database)} FROM ${qIdent(user)}`);
  }

  async setPassword(user: string, password: string): Promise<void> {
    this.#checkUser(user);
    checkPassword(password);
    await this.#http.exec(`SET PASSWORD FOR ${qIdent(user)} = ${qStr(password)}`, { secrets: [password] });
  }

  async drop(user: string): Promise<void> {
    this.#checkUser(user);
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

  /** Every operation on a user checks its name first: 400 for one no source could hold. */
  #checkUser(user: string): void {
    checkName('user', user);
    if (user === this.#own) {
      // Changing or dropping it would cut the emulator off from its own storage.
      throw notFound(`user ${JSON.stringify(user)} not found (it is the account this source connects with)`);
    }
  }
}
