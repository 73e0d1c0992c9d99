// A temporary PROC_ROOT that steps through the samples (t0, t1, ...) of a fixture capture under
// test/fixtures/proc, a fixed statfs table, a log that records warnings, and samplerFixtures(), which stops
// every sampler and removes every tree a test made once it ends.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createMetrics, type Metrics, type MetricsLogger, type MetricsOptions } from '../src/metrics/index.ts';
import type { StatfsFn, StatfsResult } from '../src/metrics/proc/storage.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/proc');

export interface ProcTree {
  root: string;
  /** Replaces the tree's content with sample `t` of the capture. */
  step(t: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function procTree(capture: string): Promise<ProcTree> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'proc-'));
  return {
    root,
    async step(t) {
      await rm(root, { recursive: true, force: true });
      await cp(path.join(FIXTURES, capture, t), root, { recursive: true });
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** procTree and createMetrics for one test file: what they made is stopped and removed after each test. */
export function samplerFixtures(): { procTree: typeof procTree; createMetrics: (options: MetricsOptions) => Metrics } {
  const trees: ProcTree[] = [];
  const samplers: Metrics[] = [];
  afterEach(async () => {
    for (const m of samplers.splice(0)) m.stop();
    for (const t of trees.splice(0)) await t.cleanup();
  });
  return {
    async procTree(capture) {
      const t = await procTree(capture);
      trees.push(t);
      return t;
    },
    createMetrics(options) {
      const m = createMetrics(options);
      samplers.push(m);
      return m;
    },
  };
}

/** statfs answering from a table; '/mnt/nfs' hangs forever, like a dead NFS server; others ENOENT. */
export function tableStatfs(table: Record<string, StatfsResult>): StatfsFn {
  return (p) => {
    const hit = table[p];
    if (hit) return Promise.resolve(hit);
    if (p === '/mnt/nfs') return new Promise(() => {});
    return Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, statfs '${p}'`), { code: 'ENOENT' }));
  };
}

export const fs4k = (blocks: number, bfree: number, bavail: number): StatfsResult => ({
  bsize: 4096,
  frsize: 4096,
  blocks,
  bfree,
  bavail,
});

export interface LogLine {
  level: 'warn' | 'info';
  obj: object;
  msg: string;
}

export function recordingLogger(): MetricsLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
  };
}

/** Parses an exposition into `name{labels}` -> value, and the families in TYPE order. */
export function parseExposition(text: string): { samples: Map<string, number>; types: [string, string][] } {
  const samples = new Map<string, number>();
  const types: [string, string][] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type?.[1] && type[2]) types.push([type[1], type[2]]);
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { samples, types };
}
