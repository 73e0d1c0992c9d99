// The whole state as one .tar.gz: TSDB settings, sealed secrets, the embedded engine's SQLite files (copied
// with SQLite's online backup, each consistent while writes run) and the emulator's own settings. API tokens
// and the secret key stay out: restoring never changes who may sign in, and secrets only open with this key.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { SECRETS_FILE_NAME } from '../secrets/file-secret-store.ts';
import { SETTINGS_FILE_NAME } from '../tsdb/settings-store.ts';

export const SNAPSHOT_FORMAT = 'datahub-emulator-snapshot';
export const EMULATOR_FILE = 'emulator.json';
export const EMBEDDED_DIR = 'embedded';
const META = `${EMBEDDED_DIR}/meta.sqlite`;
/** The only names an archive may hold: nothing else is ever written on restore. */
const DB_FILE = /^embedded\/db-[0-9a-f-]{36}\.sqlite$/;
const MAX_UNPACKED = 4 * 1024 * 1024 * 1024;

export const gzipAsync = promisify(gzip);
export const gunzipAsync = (buf: Buffer) => promisify(gunzip)(buf, { maxOutputLength: MAX_UNPACKED });

export function allowedName(name: string): boolean {
  return ['snapshot.json', SETTINGS_FILE_NAME, SECRETS_FILE_NAME, EMULATOR_FILE, META].includes(name) || DB_FILE.test(name);
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** One SQLite file copied by the online backup in a single step: a consistent image while writers go on. */
async function backupFile(file: string, scratch: string): Promise<Buffer | undefined> {
  let source: DatabaseSync;
  try {
    source = new DatabaseSync(file, { open: true });
  } catch {
    return undefined;
  }
  const target = path.join(scratch, `${path.basename(file)}.bak`);
  try {
    // Every page in one step: SQLite restarts a multi-step backup when another connection writes.
    await backup(source, target, { rate: 2_000_000_000 });
  } finally {
    source.close();
  }
  return readFile(target);
}

/** The embedded engine's metadata and every database file it names, or undefined when it has none yet. */
export async function backupEmbedded(dataDir: string): Promise<Map<string, Buffer>> {
  const dir = path.join(dataDir, EMBEDDED_DIR);
  const scratch = await mkdtemp(path.join(tmpdir(), 'datahub-snapshot-'));
  try {
    // A database dropped between the metadata copy and its file's copy: take the whole set again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const out = new Map<string, Buffer>();
      const meta = await backupFile(path.join(dir, 'meta.sqlite'), scratch);
      if (!meta) return out;
      out.set(META, meta);
      let complete = true;
      for (const file of metaDatabaseFiles(path.join(scratch, 'meta.sqlite.bak'))) {
        const data = await backupFile(path.join(dir, file), scratch);
        if (!data) {
          complete = false;
          break;
        }
        out.set(`${EMBEDDED_DIR}/${file}`, data);
      }
      if (complete) return out;
    }
    throw new Error('the embedded engine kept changing its databases during the snapshot; try again');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The database files a metadata copy names. */
export function metaDatabaseFiles(metaFile: string): string[] {
  const db = new DatabaseSync(metaFile, { readOnly: true });
  try {
    return (db.prepare('SELECT file FROM databases ORDER BY file').all() as { file: string }[]).map((r) => r.file);
  } finally {
    db.close();
  }
}

export async function readStateFile(dataDir: string, name: string): Promise<Buffer | undefined> {
  return readIfExists(path.join(dataDir, name));
}
