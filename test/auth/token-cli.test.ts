// The token CLI as an operator runs it: a real process, DATA_DIR from the environment, stdout and
// exit codes checked.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.ts';
import { parseCommand } from '../../src/auth/token-cli.ts';
import { tempDir } from '../../support/auth.ts';

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

  it('runs through the documented `npm run --silent token -- create`, the token alone on stdout', async () => {
    // A clean environment (no npm_config_* inherited from a surrounding `npm test`), in the project
    // root so the project's own npm settings apply, as for an operator.
    const res = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        'npm',
        ['run', '--silent', 'token', '--', 'create', '--name', 'via-npm', '--role', 'read'],
        { cwd: ROOT, env: { PATH: process.env.PATH, HOME: dataDir, DATA_DIR: dataDir } },
        (err, stdout) => resolve({ code: err ? Number(err.code) : 0, stdout }),
      );
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    const file = await readFile(path.join(dataDir, 'tokens.json'), 'utf8');
    expect(file).toContain(hashToken(res.stdout.trim()));
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

describe('token CLI: OAuth clients', () => {
  let created = { client_id: '', client_secret: '' };

  it('client create prints {"client_id","client_secret"} alone and stores only the secret hash', async () => {
    const res = await cli('client', 'create', '--name', 'sdk', '--role', 'read');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^\{"client_id":"[A-Za-z0-9_-]{22}","client_secret":"[A-Za-z0-9_-]{43}"\}\n$/);
    created = JSON.parse(res.stdout) as typeof created;
    const file = await readFile(path.join(dataDir, 'oauth-clients.json'), 'utf8');
    expect(file).not.toContain(created.client_secret);
    expect(file).toContain(hashToken(created.client_secret));
  });

  it('client list shows names, roles, ids and creation times, never secrets', async () => {
    const res = await cli('client', 'list');
    expect(res.code).toBe(0);
    expect(res.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^NAME\s+ROLE\s+CLIENT_ID\s+CREATED$/),
      expect.stringMatching(new RegExp(`^sdk\\s+read\\s+${created.client_id}\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`)),
    ]);
    expect(res.stdout).not.toContain(created.client_secret);
    expect(res.stdout).not.toContain(hashToken(created.client_secret));
  });

  it('refuses a duplicate, revokes by name, and refuses a missing name, with exit 1', async () => {
    expect(await cli('client', 'create', '--name', 'sdk', '--role', 'admin')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/already exists/) });
    expect((await cli('client', 'revoke', '--name', 'sdk')).code).toBe(0);
    expect((await cli('client', 'list')).stdout).not.toMatch(/sdk/);
    expect(await cli('client', 'revoke', '--name', 'sdk')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no OAuth client named "sdk"/) });
  });

  it.each([
    [['client'], /missing command/],
    [['client', 'create', '--name', 'x'], /--role admin or --role read/],
    [['client', 'frob'], /unknown command/],
    [['client', 'list', 'extra'], /unexpected argument/],
  ])('%j fails with usage and exit 2', async (args, message) => {
    const res = await cli(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('parses client commands without touching plain token commands', () => {
    expect(parseCommand(['client', 'create', '--name', 'a', '--role', 'admin'])).toEqual({ kind: 'client-create', name: 'a', role: 'admin' });
    expect(parseCommand(['client', 'revoke', '--name', 'a'])).toEqual({ kind: 'client-revoke', name: 'a' });
    expect(parseCommand(['create', '--name', 'a', '--role', 'read'])).toEqual({ kind: 'create', name: 'a', role: 'read' });
  });
});
