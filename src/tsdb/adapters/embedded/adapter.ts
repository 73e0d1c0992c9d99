// The embedded engine as a TsdbAdapter: SQLite through node:sqlite, following the InfluxDB 1.x
// model of databases, users and grants. Storage opens lazily on first use (the factory does no I/O);
// a fresh dataDir gets the bootstrap databases (`tsdata`) at that moment.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import { byCodeUnit } from '../../../compare.ts';
import { badRequest, conflict, notFound, unavailable } from '../../../errors.ts';
import type { ConnectionTest, DatabaseInfo, DbUser, Grant, Point, Privilege, RevocablePrivilege, TsdbAdapter } from '../../adapter.ts';
import { checkMeasurement, checkName, checkPassword } from '../../names.ts';
import { hashPassword } from './password.ts';
import type { LinePoint } from './field-types.ts';
import { invalidLinePointReason, invalidPointReason } from './points.ts';
import {
  afterGrant, afterRevoke, checkCreateUser, checkPrivilege, checkRevocable, fromBits, grantBitsByDatabase,
} from '../../privileges.ts';
import type { LineWriteResult, SeriesStore } from './series-store.ts';
import type { QueryStorage } from './query/types.ts';
import { Storage } from './storage.ts';
import { INFLUX_BANNER } from '../../../influx-api/version.ts';

export interface EmbeddedOptions {
  dataDir: string;
  /** Databases created when the adapter first opens a fresh dataDir; the document says components assume `tsdata`. */
  bootstrapDatabases?: readonly string[];
  /**
   * Points per write transaction; between chunks the event loop gets a turn. 5000 (a chunk blocks the loop
   * ~15 ms): a commit rewrites every page the chunk dirtied, and 2000 cost 19% more write CPU per point on
   * /write's 5000-line bodies (bench/ab-influx-write-cpu.ts).
   */
  writeChunkSize?: number;
  /** Run WAL checkpoints on a worker thread (default true) instead of inside commits. */
  backgroundCheckpoints?: boolean;
  logger?: Logger | undefined;
  /** Called before every use of the files; the emulator's TSDB faults throw from it (src/emulator/). */
  ioFault?: (() => void) | undefined;
  /** Retention of every database in ns (EMBEDDED_RETENTION); undefined = inf. Older samples are purged. */
  retentionNs?: bigint | undefined;
}

export class EmbeddedAdapter implements TsdbAdapter {
  readonly vendor = 'embedded' as const;
  readonly #options: Required<Omit<EmbeddedOptions, 'logger' | 'ioFault' | 'retentionNs'>> & {
    logger: Logger | undefined;
    ioFault: (() => void) | undefined;
    retentionNs: bigint | undefined;
  };
  #storage: Storage | undefined;
  #closed = false;

  constructor(options: EmbeddedOptions) {
    this.#options = {
      bootstrapDatabases: ['tsdata'],
      writeChunkSize: 5000,
      backgroundCheckpoints: true,
      logger: undefined,
      ioFault: undefined,
      retentionNs: undefined,
      ...options,
    };
    const chunk = this.#options.writeChunkSize;
    if (!Number.isInteger(chunk) || chunk < 1) throw badRequest(`writeChunkSize must be a positive integer`);
  }

  async testConnection(): Promise<ConnectionTest> {
    try {
      // The banner of the InfluxDB 1.x API this engine serves (src/influx-api/), in the form clients parse.
      const storage = this.#open();
      storage.checkUsable();
      return { is_connected: true, response: INFLUX_BANNER };
    } catch (err) {
      return { is_connected: false, response: err instanceof Error ? err.message : String(err) };
    }
  }

  async listDatabases(): Promise<DatabaseInfo[]> {
    const storage = this.#open();
    const databases = storage.meta.databases().sort((a, b) => byCodeUnit(a.name, b.name));
    return databases.map(({ name, file }) => {
      const store = storage.handle(name, file);
      return { name, size: store?.sizeOnDisk() ?? 0, measurements: [...(store?.measurements() ?? [])] };
    });
  }

  async createDatabase(name: string): Promise<void> {
    checkName('database', name);
    const storage = this.#open();
    if (storage.meta.databaseFile(name) !== undefined) throw conflict(`database already exists: ${name}`);
    storage.createDatabase(name);
  }

  async dropDatabase(name: string): Promise<void> {
    checkName('database', name);
    if (!(await this.#open().dropDatabase(name))) throw notFound(`database not found: ${name}`);
  }

  async dropMeasurement(database: string, measurement: string): Promise<void> {
    checkName('database', database);
    checkMeasurement(measurement);
    const storage = this.#open();
    const store = storage.handle(database);
    if (!store) throw notFound(`database not found: ${database}`);
    if (!store.dropMeasurement(measurement)) throw notFound(`measurement not found: ${measurement}`);
    storage.purgeInBackground(store);
  }

  async listUsers(): Promise<DbUser[]> {
    const users = new Map<string, Grant[]>();
    for (const row of this.#open().meta.grantRows()) {
      const grants = users.get(row.user) ?? [];
      users.set(row.user, grants);
      if (row.database !== null) grants.push({ database: row.database, privileges: fromBits(row.bits ?? 0) });
    }
    return [...users.entries()]
      .sort(([a], [b]) => byCodeUnit(a, b))
      .map(([name, grants]) => ({ name, grants: grants.sort((a, b) => byCodeUnit(a.database, b.database)) }));
  }

  async createUser(name: string, password: string, grants: Grant[]): Promise<void> {
    checkCreateUser(name, password, grants);
    // Cheap checks before the (deliberately slow) hash, repeated inside the transaction afterwards.
    this.#checkNewUser(name, grants);
    const hash = await hashPassword(password);
    const meta = this.#open().meta;
    meta.transaction(() => {
      this.#checkNewUser(name, grants);
      meta.insertUser(name, hash);
      for (const [database, bits] of grantBitsByDatabase(grants)) meta.setGrant(name, database, bits);
    });
  }

  async grant(user: string, database: string, privilege: Privilege): Promise<void> {
    checkPrivilege(privilege);
    this.#setBits(user, database, (bits) => afterGrant(bits, privilege));
  }

  async revoke(user: string, database: string, privilege: RevocablePrivilege): Promise<void> {
    checkRevocable(privilege);
    this.#setBits(user, database, (bits) => afterRevoke(bits, privilege));
  }

  async setPassword(user: string, password: string): Promise<void> {
    checkName('user', user);
    checkPassword(password);
    if (!this.#open().meta.hasUser(user)) throw notFound(`user not found: ${user}`);
    const hash = await hashPassword(password);
    if (!this.#open().meta.setPasswordHash(user, hash)) throw notFound(`user not found: ${user}`);
  }

  async dropUser(user: string): Promise<void> {
    checkName('user', user);
    if (!this.#open().meta.deleteUser(user)) throw notFound(`user not found: ${user}`);
  }

  async writePoints(database: string, points: Point[]): Promise<void> {
    await this.#writeInChunks(database, points, invalidPointReason, (store, part) => store.write(part));
  }

  /**
   * The line-protocol path (the InfluxDB 1.x /write): nanosecond times, integers kept as integers. 404 for a
   * missing database, 400 for a malformed point (nothing written); points whose field types conflict with
   * their shard group are left out and counted, as influxd's partial write does.
   */
  async writeLinePoints(database: string, points: LinePoint[]): Promise<LineWriteResult> {
    const result: LineWriteResult = { dropped: 0, firstError: undefined };
    await this.#writeInChunks(database, points, invalidLinePointReason, (store, part) => {
      const written = store.writeLine(part);
      result.dropped += written.dropped;
      result.firstError ??= written.firstError;
    });
    return result;
  }

  /**
   * A user as the InfluxDB 1.x API authenticates it (src/influx-api/): the stored scrypt hash and the
   * privilege bits per database, read fresh on every call so /stats/users changes apply to the next request.
   */
  influxUser(name: string): { hash: string; grants: Map<string, number> } | undefined {
    const meta = this.#open().meta;
    const hash = meta.passwordHash(name);
    if (hash === undefined) return undefined;
    return { hash, grants: new Map(meta.userGrants(name).map((g) => [g.database, g.bits])) };
  }

  /** Database names in creation order (influxd's SHOW DATABASES order); metadata only, unlike listDatabases. */
  databaseNames(): string[] {
    return this.#open().meta.databases().map((d) => d.name);
  }

  databaseExists(name: string): boolean {
    return this.#open().meta.databaseFile(name) !== undefined;
  }

  /** Purges samples older than each database's retention now (it also runs in the background); returns how many. */
  purgeExpired(nowNs?: bigint): Promise<number> {
    return this.#open().purgeExpired(nowNs);
  }

  /** The retention of `database` in ns, undefined = inf or no such database (Storage.retentionNs). */
  retentionNs(database: string): bigint | undefined {
    return this.#open().retentionNs(database);
  }

  /** Synchronous read access for the InfluxQL executor (query/execute.ts). */
  queryStorage(): QueryStorage {
    return {
      reader: (database) => this.#open().handle(database)?.reader(),
      retentionNs: (database) => this.#open().retentionNs(database),
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const storage = this.#storage;
    this.#storage = undefined;
    await storage?.close();
  }

  #open(): Storage {
    if (this.#closed) throw unavailable('embedded engine: adapter is closed');
    this.#options.ioFault?.();
    this.#storage ??= this.#openStorage();
    return this.#storage;
  }

  #openStorage(): Storage {
    // Skips existing names: a crash after creating one but before marking the store initialized
    // must not make every later open fail.
    const bootstrap = (storage: Storage) => {
      for (const name of this.#options.bootstrapDatabases) {
        if (storage.meta.databaseFile(name) === undefined) storage.createDatabase(name);
      }
    };
    try {
      return new Storage(this.#options.dataDir, bootstrap, this.#options);
    } catch (err) {
      // A data directory we cannot open (permissions, full disk, corrupt metadata) is a source that is down.
      const reason = err instanceof Error ? err.message : String(err);
      throw unavailable(`embedded engine: cannot open its files: ${reason}`, { cause: err });
    }
  }

  /**
   * Both write paths: every point validated (in slices: a million points take a while) before the first is
   * written, then one transaction per `writeChunkSize` points, the event loop getting a turn in between.
   */
  async #writeInChunks<P>(
    database: string,
    points: P[],
    invalidReason: (points: readonly P[], from: number, to: number) => string | undefined,
    write: (store: SeriesStore, part: P[]) => void,
  ): Promise<void> {
    checkName('database', database);
    if (!Array.isArray(points)) throw badRequest('points must be an array');
    if (!this.#open().handle(database)) throw notFound(`database not found: ${database}`);
    const chunk = this.#options.writeChunkSize;
    for (let i = 0; i < points.length; i += chunk) {
      if (i > 0) await yieldToLoop();
      const reason = invalidReason(points, i, i + chunk);
      if (reason) throw badRequest(reason);
    }
    for (let i = 0; i < points.length; i += chunk) {
      if (i > 0) await yieldToLoop();
      // Re-resolved per chunk: the database may have been dropped (or the adapter closed) meanwhile.
      const store = this.#open().handle(database);
      if (!store) throw notFound(`database not found: ${database}`);
      write(store, points.slice(i, i + chunk));
    }
  }

  #checkNewUser(name: string, grants: Grant[]): void {
    const meta = this.#open().meta;
    if (meta.hasUser(name)) throw conflict(`user already exists: ${name}`);
    for (const g of grants) {
      if (meta.databaseFile(g.database) === undefined) throw notFound(`database not found: ${g.database}`);
    }
  }

  #setBits(user: string, database: string, next: (bits: number | undefined) => number): void {
    checkName('user', user);
    checkName('database', database);
    const meta = this.#open().meta;
    meta.transaction(() => {
      if (!meta.hasUser(user)) throw notFound(`user not found: ${user}`);
      if (meta.databaseFile(database) === undefined) throw notFound(`database not found: ${database}`);
      meta.setGrant(user, database, next(meta.grantBits(user, database)));
    });
  }
}
