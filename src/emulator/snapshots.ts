// Reset and snapshots of the whole state. A snapshot is taken between two settings changes, with SQLite's
// online backup for the embedded engine; a restore checks the whole archive (names, JSON, secrets opening
// with this server's key, every SQLite file passing quick_check, every database the metadata names present)
// before the source manager swaps the files in without a restart. Reset removes the same files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { writeFileAtomic } from '../fs/atomic-file.ts';
import { badRequest } from '../errors.ts';
import { demoMarkerFile } from '../demo/seed.ts';
import { SECRETS_FILE_NAME } from '../secrets/file-secret-store.ts';
import { SETTINGS_FILE_NAME } from '../tsdb/settings-store.ts';
import type { SourceManager } from '../tsdb/source-manager.ts';
import { packTar, unpackTar, type TarFile } from './tar.ts';
import {
  allowedName,
  backupEmbedded,
  EMBEDDED_DIR,
  EMULATOR_FILE,
  gunzipAsync,
  gzipAsync,
  metaDatabaseFiles,
  readStateFile,
  SNAPSHOT_FORMAT,
} from './state-files.ts';

/** The emulator's in-memory settings (device states, overrides): exported into and restored from snapshots. */
export interface EmulatorStatePart {
  export(): unknown;
  /** Throws an Error naming the problem; nothing may change. */
  check(doc: unknown): void;
  import(doc: unknown): void;
  reset(): void;
}

export interface SnapshotsOptions {
  dataDir: string;
  sources: SourceManager;
  part: EmulatorStatePart;
  /** Seeds the demo again after a reset (DEMO=1). */
  reseed?: (() => Promise<void>) | undefined;
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 2) + '\n');

function parseJson(name: string, data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw badRequest(`snapshot: ${name} is not JSON`);
  }
}

export class Snapshots {
  readonly #o: SnapshotsOptions;

  constructor(options: SnapshotsOptions) {
    this.#o = options;
  }

  async take(): Promise<Buffer> {
    const { dataDir, sources, part } = this.#o;
    const files = await sources.exclusive(async () => {
      const out: TarFile[] = [];
      for (const name of [SETTINGS_FILE_NAME, SECRETS_FILE_NAME]) {
        const data = await readStateFile(dataDir, name);
        if (data) out.push({ name, data });
      }
      for (const [name, data] of await backupEmbedded(dataDir)) out.push({ name, data });
      return out;
    });
    files.push({ name: EMULATOR_FILE, data: json(part.export()) });
    const manifest = { format: SNAPSHOT_FORMAT, version: 1, created_at: new Date().toISOString(), files: files.map((f) => f.name) };
    return gzipAsync(packTar([{ name: 'snapshot.json', data: json(manifest) }, ...files]));
  }

  /** Checks the whole archive first (400 naming the problem, nothing changed), then swaps it in. */
  async restore(archive: Buffer): Promise<void> {
    const files = await this.#check(archive);
    const { dataDir, sources, part } = this.#o;
    const emulatorDoc = files.get(EMULATOR_FILE);
    await sources.replaceState(async () => {
      await rm(path.join(dataDir, EMBEDDED_DIR), { recursive: true, force: true });
      await mkdir(path.join(dataDir, EMBEDDED_DIR), { recursive: true, mode: 0o700 });
      for (const [name, data] of files) {
        if (name.startsWith(`${EMBEDDED_DIR}/`)) await writeFileAtomic(path.join(dataDir, name), data);
      }
      for (const name of [SETTINGS_FILE_NAME, SECRETS_FILE_NAME]) {
        const data = files.get(name);
        if (data) await writeFileAtomic(path.join(dataDir, name), data);
        else await rm(path.join(dataDir, name), { force: true });
      }
    });
    part.reset();
    if (emulatorDoc) part.import(parseJson(EMULATOR_FILE, emulatorDoc));
  }

  /** A first start: databases, users, TSDB settings and the emulator's settings; tokens and key kept. */
  async reset(): Promise<void> {
    const { dataDir, sources, part } = this.#o;
    await sources.replaceState(async () => {
      await rm(path.join(dataDir, EMBEDDED_DIR), { recursive: true, force: true });
      await rm(path.join(dataDir, SETTINGS_FILE_NAME), { force: true });
      await rm(path.join(dataDir, SECRETS_FILE_NAME), { force: true });
      await rm(demoMarkerFile(dataDir), { force: true });
    });
    part.reset();
    await this.#o.reseed?.();
  }

  async #check(archive: Buffer): Promise<Map<string, Uint8Array>> {
    let tar: Buffer;
    try {
      tar = await gunzipAsync(archive);
    } catch {
      throw badRequest('snapshot: the body is not a gzip archive (GET /__emulator/snapshot makes one)');
    }
    let entries: TarFile[];
    try {
      entries = unpackTar(tar);
    } catch (err) {
      throw badRequest(`snapshot: ${(err as Error).message}`);
    }
    const files = new Map<string, Uint8Array>();
    for (const e of entries) {
      if (!allowedName(e.name)) throw badRequest(`snapshot: unexpected file ${JSON.stringify(e.name)} in the archive`);
      files.set(e.name, e.data);
    }
    const manifest = files.get('snapshot.json');
    const m = manifest && (parseJson('snapshot.json', manifest) as { format?: unknown; version?: unknown });
    if (!m || m.format !== SNAPSHOT_FORMAT || m.version !== 1) throw badRequest('snapshot: snapshot.json is missing or not of this format');
    files.delete('snapshot.json');

    const settings = files.get(SETTINGS_FILE_NAME);
    const secrets = files.get(SECRETS_FILE_NAME);
    try {
      this.#o.sources.checkStateFiles(
        settings && parseJson(SETTINGS_FILE_NAME, settings),
        secrets && parseJson(SECRETS_FILE_NAME, secrets),
      );
    } catch (err) {
      if (err instanceof Error && 'statusCode' in err) throw err;
      throw badRequest(`snapshot: ${(err as Error).message} (secrets open only with the key of the server that took it)`);
    }
    const emulatorDoc = files.get(EMULATOR_FILE);
    if (emulatorDoc) {
      try {
        this.#o.part.check(parseJson(EMULATOR_FILE, emulatorDoc));
      } catch (err) {
        if (err instanceof Error && 'statusCode' in err) throw err;
        throw badRequest(`snapshot: ${EMULATOR_FILE}: ${(err as Error).message}`);
      }
    }
    await checkSqlite(files);
    return files;
  }
}

/** Every SQLite file passes quick_check, and every database file the metadata names is in the archive. */
async function checkSqlite(files: Map<string, Uint8Array>): Promise<void> {
  const sqlite = [...files.keys()].filter((n) => n.endsWith('.sqlite'));
  if (sqlite.length === 0) return;
  const scratch = await mkdtemp(path.join(tmpdir(), 'datahub-restore-'));
  try {
    for (const name of sqlite) {
      const file = path.join(scratch, path.basename(name));
      await writeFile(file, files.get(name) as Uint8Array);
      let ok = false;
      try {
        const db = new DatabaseSync(file, { readOnly: true });
        try {
          ok = (db.prepare('PRAGMA quick_check').get() as { quick_check?: string } | undefined)?.quick_check === 'ok';
        } finally {
          db.close();
        }
      } catch {
        ok = false;
      }
      if (!ok) throw badRequest(`snapshot: ${name} is not an intact SQLite database`);
    }
    const meta = `${EMBEDDED_DIR}/meta.sqlite`;
    if (!files.has(meta)) throw badRequest(`snapshot: database files without ${meta}`);
    for (const f of metaDatabaseFiles(path.join(scratch, 'meta.sqlite'))) {
      if (!files.has(`${EMBEDDED_DIR}/${f}`)) throw badRequest(`snapshot: ${meta} names ${f}, which is not in the archive`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
