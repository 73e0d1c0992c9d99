// The project's npm settings let npm speak when it fails: an `npm ci` that cannot fetch its packages
// prints npm's error and exits non-zero (a .npmrc with loglevel=silent once made it exit 1 in silence).
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/auth.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => ({ dir, remove } = await tempDir('npm-settings-')));
afterAll(() => remove());

describe("the project's npm settings", () => {
  it('a failing npm ci prints its error', async () => {
    // The project as a fresh clone has it: manifest, lockfile and its .npmrc (if it has one).
    const project = path.join(dir, 'clone');
    await mkdir(project);
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
      if (existsSync(path.join(ROOT, file))) await copyFile(path.join(ROOT, file), path.join(project, file));
    }
    // --offline with an empty cache fails the way an unreachable registry does, without the network.
    const res = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        'npm',
        ['ci', '--offline', '--no-update-notifier', '--cache', path.join(dir, 'empty-cache')],
        { cwd: project, env: { PATH: process.env.PATH, HOME: dir } },
        (err, _stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stderr }),
      );
    });
    expect(res.code).toBeGreaterThan(0);
    expect(res.stderr).toMatch(/^npm error code ENOTCACHED$/m);
    expect(res.stderr).toMatch(/^npm error request to \S+ failed/m);
  });
});
