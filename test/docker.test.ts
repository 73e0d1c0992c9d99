// The Docker files cannot be built here (no Docker engine), so what can drift is checked statically: every
// source file the Dockerfile runs exists, and .dockerignore keeps what the image copies.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

describe('Dockerfile', () => {
  it('runs files that exist: the server, the health probe, the modules it pre-compiles', () => {
    const files = [...new Set([...dockerfile.matchAll(/(?:\/app\/)?(src\/[\w/.-]+\.ts)/g)].map((m) => m[1]!))];
    expect(files).toEqual(expect.arrayContaining(['src/server.ts', 'src/health/probe-cli.ts', 'src/app.ts']));
    for (const file of files) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it('copies only what .dockerignore lets through', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src']));
    for (const source of copied) expect(ignored, source).not.toContain(source);
  });
});
