// freePort's reservations: a port is handed out once while its holder lives, a dead holder's port is
// taken over, and a holder's files go when it exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, reservePort } from './processes.ts';

const NODE = path.resolve(import.meta.dirname, '../node_modules/.bin/node');
const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ports-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('port reservations', () => {
  it('hands a port out once while its holder lives', () => {
    const dir = fresh();
    expect(reservePort(40_001, dir)).toBe(true);
    expect(reservePort(40_001, dir)).toBe(false);
    expect(reservePort(40_002, dir)).toBe(true);
  });

  it('takes over the port of a holder that has exited', () => {
    const dir = fresh();
    const gone = spawnSync(NODE, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, '40003'), gone.stdout);
    expect(reservePort(40_003, dir)).toBe(true);
    expect(readdirSync(dir)).toEqual(['40003']);
  });

  it("keeps a living process's reservation, and a process's files go when it exits", () => {
    const dir = fresh();
    writeFileSync(path.join(dir, '40004'), String(process.ppid));
    expect(reservePort(40_004, dir)).toBe(false);
    // A second process reserves a port, lists the directory, and exits.
    const script = path.join(dir, 'holder.mjs');
    writeFileSync(script, `import { readdirSync } from 'node:fs';
import { reservePort } from ${JSON.stringify(path.resolve(import.meta.dirname, 'processes.ts'))};
const dir = ${JSON.stringify(dir)};
const taken = reservePort(40005, dir);
process.stdout.write(taken + ' ' + readdirSync(dir).filter((f) => /^\\d+$/.test(f)).sort().join(','));
`);
    const child = spawnSync(NODE, [script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('true 40004,40005');
    expect(readdirSync(dir).filter((f) => f !== 'holder.mjs')).toEqual(['40004']);
  });

  it('never returns a port twice in one process', async () => {
    const ports = [];
    for (let i = 0; i < 200; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(200);
  });
});
