// Shared fixture of the embedded engine tests: a fresh dataDir per test, adapters closed afterwards,
// and helpers to look at the files the engine keeps there.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Point } from '../../../../src/tsdb/adapter.ts';
import { EmbeddedAdapter, type EmbeddedOptions } from '../../../../src/tsdb/adapters/embedded/index.ts';

export interface EmbeddedFixture {
  readonly dataDir: string;
  // Function properties, not methods: tests take them off the fixture (`const adapter = fx.adapter`).
  adapter: (options?: Omit<EmbeddedOptions, 'dataDir'>) => EmbeddedAdapter;
  engineDir: () => string;
  /** The engine's per-database files (db-<uuid>.sqlite and its -wal/-shm), sorted. */
  dbFiles: () => Promise<string[]>;
  /** The main file of the only database. */
  onlyDbFile: () => Promise<string>;
}

/** Registers beforeEach/afterEach hooks in the calling file and returns the fixture. */
export function useEmbeddedDir(): EmbeddedFixture {
  let dataDir = '';
  const open: EmbeddedAdapter[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-'));
  });
  afterEach(async () => {
    for (const a of open.splice(0)) await a.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const fixture: EmbeddedFixture = {
    get dataDir() {
      return dataDir;
    },
    adapter(options = {}) {
      const a = new EmbeddedAdapter({ dataDir, ...options });
      open.push(a);
      return a;
    },
    engineDir: () => path.join(dataDir, 'embedded'),
    dbFiles: async () => (await readdir(fixture.engineDir())).filter((f) => f.startsWith('db-')).sort(),
    onlyDbFile: async () => path.join(fixture.engineDir(), (await fixture.dbFiles()).find((f) => f.endsWith('.sqlite'))!),
  };
  return fixture;
}

export const points = (n: number, measurement = 'm', t0 = 1_700_000_000_000): Point[] =>
  Array.from({ length: n }, (_, i) => ({ measurement, tags: { tag: `t${i % 3}` }, fields: { v: i }, timestampMs: t0 + i }));
