// The embedded engine's files under `<dataDir>/embedded/`: the metadata store and one SQLite file
// per database, opened once and kept open (listing 50 databases must not reopen 50 files).
import { randomUUID } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { Checkpointer } from './checkpointer.ts';
import { MetaStore } from './meta-store.ts';
import { SeriesStore } from './series-store.ts';

/** influxd's [retention] check-interval is 30 minutes; a purge here deletes rows, not whole shards, so it runs more often. */
const RETENTION_CHECK_MS = 5 * 60_000;
const DB_FILE = /^db-[0-9a-f-]{36}\.sqlite(-wal|-shm|-journal)?$/;

export class Storage {
  readonly dir: string;
  readonly meta: MetaStore;
  readonly #handles = new Map<string, SeriesStore>();
  readonly #checkpointer: Checkpointer | undefined;
  readonly #logger: Logger | undefined;
  readonly #retentionNs: bigint | undefined;
  #retentionTimer: NodeJS.Timeout | undefined;
  #purging: Promise<number> | undefined;

  /** Opens (creating on first use) the store; `onFresh` runs once, when the metadata store is new. */
  constructor(
    dataDir: string,
    onFresh: (storage: Storage) => void,
    options: {
      backgroundCheckpoints: boolean;
      logger: Logger | undefined;
      retentionNs?: bigint | undefined;
      /** How often samples past the retention are purged (the first run comes right after opening). */
      retentionCheckMs?: number;
    },
  ) {
    this.dir = path.join(dataDir, 'embedded');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.meta = new MetaStore(path.join(this.dir, 'meta.sqlite'));
    this.#logger = options.logger;
    // Zero is InfluxDB's "INF" as well.
    this.#retentionNs = options.retentionNs ? options.retentionNs : undefined;
    this.#checkpointer = options.backgroundCheckpoints ? new Checkpointer(options.logger) : undefined;
    try {
      this.#removeOrphans();
      if (this.meta.setting('initialized') === undefined) {
        onFresh(this);
        this.meta.setSetting('initialized', new Date().toISOString());
      }
    } catch (err) {
      void this.close();
      throw err;
    }
    if (this.#retentionNs !== undefined) {
      const every = options.retentionCheckMs ?? RETENTION_CHECK_MS;
      const run = () => void this.purgeExpired().catch((err: unknown) => this.#logger?.warn({ err }, 'embedded retention purge failed'));
      this.#retentionTimer = setInterval(run, every).unref();
      setImmediate(run).unref();
    }
  }

  /**
   * Deletes every database's samples older than its retention (now minus retentionNs), one database and
   * one short step at a time; one run at a time. Returns the samples deleted.
   */
  purgeExpired(nowNs = BigInt(Date.now()) * 1_000_000n): Promise<number> {
    this.#purging ??= (async () => {
      let deleted = 0;
      try {
        for (const { name, file } of this.meta.db.isOpen ? this.meta.databases() : []) {
          const retention = this.retentionNs(name);
          const store = retention === undefined ? undefined : this.handle(name, file);
          if (store && retention !== undefined) deleted += await store.purgeBefore(nowNs - retention);
        }
      } finally {
        this.#purging = undefined;
      }
      if (deleted > 0) this.#logger?.info({ deleted }, 'embedded retention: old samples purged');
      return deleted;
    })();
    return this.#purging;
  }

  /**
   * Throws when the files are no longer usable: SQLite keeps writing to an open file after its directory
   * is removed, so only a check of the paths shows DATA_DIR gone or read-only (access() reports EROFS).
   */
  checkUsable(): void {
    accessSync(this.dir, constants.W_OK);
    accessSync(path.join(this.dir, 'meta.sqlite'), constants.R_OK | constants.W_OK);
  }

  /** The open store of `name`, or undefined when no such database exists. */
  handle(name: string, file = this.meta.databaseFile(name)): SeriesStore | undefined {
    // The name is looked up every time (one indexed read, or the caller's fresh listing) so that a
    // database dropped or re-created by another adapter on this dataDir never gets a stale handle.
    const cached = this.#handles.get(name);
    if (cached && file !== undefined && cached.file === path.join(this.dir, file)) return cached;
    cached?.close();
    this.#handles.delete(name);
    if (file === undefined) return undefined;
    return this.#keep(name, new SeriesStore(path.join(this.dir, file), this.#retentionNs));
  }

  /**
   * The retention of database `name` in ns (its `autogen` policy's duration), undefined = inf or no such
   * database. Every database has the engine's EMBEDDED_RETENTION today; the signature is per database so a
   * per-database setting can come without touching the readers (SHOW RETENTION POLICIES, /write, the purge).
   */
  retentionNs(name: string): bigint | undefined {
    return this.#retentionNs !== undefined && this.meta.databaseFile(name) !== undefined ? this.#retentionNs : undefined;
  }

  /** Creates the file first, then the name: a crash in between leaves an orphan file, removed on open. */
  createDatabase(name: string): void {
    const file = `db-${randomUUID()}.sqlite`;
    const store = new SeriesStore(path.join(this.dir, file), this.#retentionNs);
    try {
      this.meta.insertDatabase(name, file);
    } catch (err) {
      store.close();
      rmFiles(path.join(this.dir, file));
      throw err;
    }
    this.#keep(name, store);
  }

  /** Removes the name and its grants in one statement, then the files. False when it did not exist. */
  async dropDatabase(name: string): Promise<boolean> {
    const file = this.meta.databaseFile(name);
    if (file === undefined || !this.meta.deleteDatabase(name)) return false;
    this.#handles.get(name)?.close();
    this.#handles.delete(name);
    const base = path.join(this.dir, file);
    await this.#checkpointer?.unwatch(base);
    await Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(base + s, { force: true })));
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.#retentionTimer);
    for (const store of this.#handles.values()) store.close();
    this.#handles.clear();
    this.meta.close();
    await this.#checkpointer?.close();
  }

  /** Frees dropped measurements' samples in the background (after a drop, and leftovers on open). */
  purgeInBackground(store: SeriesStore): void {
    store.purgeTrash().catch((err: unknown) => this.#logger?.warn({ err, file: store.file }, 'embedded purge failed'));
  }

  #keep(name: string, store: SeriesStore): SeriesStore {
    this.#handles.set(name, store);
    this.#checkpointer?.watch(store.file);
    this.purgeInBackground(store);
    return store;
  }

  #removeOrphans(): void {
    const known = new Set(this.meta.databases().map((d) => d.file));
    for (const entry of readdirSync(this.dir)) {
      const match = DB_FILE.exec(entry);
      if (match && !known.has(entry.slice(0, entry.length - (match[1]?.length ?? 0)))) {
        rmSync(path.join(this.dir, entry), { force: true });
      }
    }
  }
}

function rmFiles(base: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(base + s, { force: true });
}
