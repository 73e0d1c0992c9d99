// Test support: a temporary PROC_ROOT that steps through the samples (t0, t1, ...) of a fixture
// capture under test/fixtures/proc, plus a fixed statfs table and a log that records warnings.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MetricsLogger } from '../../src/metrics/index.ts';
import type { StatfsFn, StatfsResult } from '../../src/metrics/proc/storage.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/proc');

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
