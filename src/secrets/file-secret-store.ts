// SecretStore (src/tsdb/adapter.ts) kept in one JSON file under DATA_DIR, every value sealed with the
// SecretBox; the InfluxDB 2.x adapter keeps recoverable DB-user passwords here.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import type { SecretStore } from '../tsdb/adapter.ts';
import type { SecretBox } from './secret-box.ts';

export const SECRETS_FILE_NAME = 'secrets.json';

const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

export class FileSecretStore implements SecretStore {
  readonly #file: string;
  readonly #box: SecretBox;
  readonly #sealed: Map<string, string>;
  // Writes are chained so two quick set() calls never persist out of order.
  #writing: Promise<void> = Promise.resolve();

  private constructor(file: string, box: SecretBox, sealed: Map<string, string>) {
    this.#file = file;
    this.#box = box;
    this.#sealed = sealed;
  }

  static async open(dataDir: string, box: SecretBox): Promise<FileSecretStore> {
    const file = path.join(dataDir, SECRETS_FILE_NAME);
    const raw = (await readJsonFile(file)) ?? { version: 1, entries: {} };
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${file} is not a valid secrets file`);
    const entries = parsed.data.entries;
    return new FileSecretStore(file, box, new Map(Object.entries(entries)));
  }

  /** Throws unless `raw` is a secrets document whose every value opens with `box` (before a restore). */
  static check(raw: unknown, box: SecretBox): void {
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${SECRETS_FILE_NAME} is not a valid secrets file`);
    for (const sealed of Object.values(parsed.data.entries)) box.open(sealed);
  }

  /** Re-reads the file (after the emulator replaced it); a missing file means no secrets. */
  async reload(): Promise<void> {
    await this.#writing;
    const raw = (await readJsonFile(this.#file)) ?? { version: 1, entries: {} };
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${this.#file} is not a valid secrets file`);
    this.#sealed.clear();
    for (const [k, v] of Object.entries(parsed.data.entries)) this.#sealed.set(k, v);
  }

  get(key: string): string | undefined {
    const sealed = this.#sealed.get(key);
    return sealed === undefined ? undefined : this.#box.open(sealed);
  }

  set(key: string, value: string): Promise<void> {
    this.#sealed.set(key, this.#box.seal(value));
    return this.#persist();
  }

  delete(key: string): Promise<void> {
    if (!this.#sealed.delete(key)) return Promise.resolve();
    return this.#persist();
  }

  #persist(): Promise<void> {
    const write = () =>
      writeJsonAtomic(this.#file, { version: 1, entries: Object.fromEntries(this.#sealed) });
    this.#writing = this.#writing.then(write, write);
    return this.#writing;
  }
}
