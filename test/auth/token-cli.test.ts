// The token CLI as an operator runs it: a real process, DATA_DIR from the environment, stdout and
// exit codes checked.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.ts';
import { tempDir } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
let dataDir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir('token-cli-');
  remove = tmp.remove;
  dataDir = path.join(tmp.dir, 'data');
});
afterAll(() => remove());

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      ['src/auth/token-cli.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, DATA_DIR: dataDir } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

describe('token CLI', () => {
  let readToken = '';

  it('create prints the token alone and stores only its hash', async () => {
    const res = await cli('create', '--name', 'grafana', '--role', 'read');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    readToken = res.stdout.trim();
    const file = await readFile(path.join(dataDir, 'tokens.json'), 'utf8');
    expect(file).not.toContain(readToken);
    expect(file).toContain(hashToken(readToken));
  });

  it('list shows names, roles and creation times, never tokens', async () => {
    expect((await cli('create', '--name', 'ops', '--role', 'admin')).code).toBe(0);
    const res = await cli('list');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+ROLE\s+CREATED$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^grafana\s+read\s+\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      expect.stringMatching(/^ops\s+admin\s+\d{4}-\d\d-\d\dT[\d:.]+Z$/),
    ]);
    expect(res.stdout).not.toContain(readToken);
    expect(res.stdout).not.toContain(hashToken(readToken));
  });

  it('refuses a duplicate name with exit 1', async () => {
    const res = await cli('create', '--name', 'grafana', '--role', 'admin');
    expect(res).toMatchObject({ code: 1, stdout: '' });
    expect(res.stderr).toMatch(/^error: a token named "grafana" already exists\n$/);
  });

  it('revokes by name, and refuses a missing name with exit 1', async () => {
    expect((await cli('revoke', '--name', 'grafana')).code).toBe(0);
    expect((await cli('list')).stdout).not.toMatch(/grafana/);
    const again = await cli('revoke', '--name', 'grafana');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no token named "grafana"/);
  });

  it.each([
    [[], /missing command/],
    [['create', '--name', 'x', '--role', 'root'], /--role admin or --role read/],
    [['create', '--name', 'bad name', '--role', 'read'], /invalid name/],
    [['revoke'], /needs --name/],
    [['frob'], /unknown command/],
  ])('%j fails with a clear message and no stack', async (args, message) => {
    const res = await cli(...args);
    expect(res.code).toBeGreaterThan(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
