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

const DB_FILE = /^db-[0-9a-f-]{36}\.sqlite(-wal|-shm|-journal)?$/;

export class Storage {
  readonly dir: string;
  readonly meta: MetaStore;
  readonly #handles = new Map<string, SeriesStore>();
  readonly #checkpointer: Checkpointer | undefined;
  readonly #logger: Logger | undefined;

  /** Opens (creating on first use) the store; `onFresh` runs once, when the metadata store is new. */
  constructor(
    dataDir: string,
    onFresh: (storage: Storage) => void,
    options: { backgroundCheckpoints: boolean; logger: Logger | undefined },
  ) {
    this.dir = path.join(dataDir, 'embedded');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.meta = new MetaStore(path.join(this.dir, 'meta.sqlite'));
    this.#logger = options.logger;
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
    return this.#keep(name, new SeriesStore(path.join(this.dir, file)));
  }

  /** Creates the file first, then the name: a crash in between leaves an orphan file, removed on open. */
  createDatabase(name: string): void {
    const file = `db-${randomUUID()}.sqlite`;
    const store = new SeriesStore(path.join(this.dir, file));
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
