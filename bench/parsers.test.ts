// The bench's pure parsers, table-driven on inline text: /proc/<pid>/status and stat, wrk's summary
// line, and the command-line options (including empty, short and malformed input).
import { describe, expect, it } from 'vitest';
import { parseStartScript } from './lib/emulator.ts';
import { slope } from './cases/soak.ts';
import { parseOptions } from './lib/options.ts';
import { parseStatCpuTicks, parseStatus } from './lib/procfs.ts';
import { parseWrkOutput } from './lib/wrk.ts';

describe('parseStatus', () => {
  it.each([
    ['Name:\tnode\nVmHWM:\t  150000 kB\nVmRSS:\t  120000 kB\n', { rssKb: 120000, hwmKb: 150000 }],
    ['', { rssKb: 0, hwmKb: 0 }],
    ['VmRSS:\tgarbage kB\n', { rssKb: 0, hwmKb: 0 }],
    // a kernel thread has no Vm* lines at all
    ['Name:\tkthreadd\nState:\tS (sleeping)\n', { rssKb: 0, hwmKb: 0 }],
  ])('%j', (text, want) => expect(parseStatus(text)).toEqual(want));
});

describe('parseStatCpuTicks', () => {
  it.each([
    ['4242 (node) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 11 0 100 1000 2000', 281],
    // comm may hold spaces and parentheses: fields are counted from the last ')'
    ['7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0', 11],
    ['', 0],
    ['no parenthesis here', 0],
    ['1 (x) S 1', 0],
  ])('%j', (text, want) => expect(parseStatCpuTicks(text)).toBe(want));
});

describe('parseWrkOutput', () => {
  it('reads the JSON line after wrk text', () => {
    const out =
      'Running 1s test @ http://127.0.0.1:1/metrics\n  1 threads and 10 connections\n' +
      '\nWRK_JSON {"requests":1000,"duration_us":2000000,"bytes":4000000,"connect":0,"read":1,"write":0,"status":2,"timeout":0,"p50":250,"p90":500,"p99":1500,"max":9000,"mean":300.5}\n';
    expect(parseWrkOutput(out)).toEqual({
      requests: 1000,
      rps: 500,
      p50Ms: 0.25,
      p90Ms: 0.5,
      p99Ms: 1.5,
      maxMs: 9,
      errors: 3,
      mbPerSec: 2,
    });
  });
  it.each(['', 'Running 1s test\n', 'WRK_JSON {not json'])('fails loudly on %j', (out) => {
    expect(() => parseWrkOutput(out)).toThrow();
  });
});

describe('parseOptions', () => {
  it('defaults fit the issue: scrape 10 s at 10 connections, 50 × 200 and 200 users, 50,000 msgs/s', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ scrapeS: 10, connections: 10, dbs: 50, measurements: 200, users: 200, msgRate: 50_000 });
    expect(o.only).toEqual(['scrape', 'footprint', 'admin', 'writes', 'flow', 'influxql', 'influx-write', 'ui']);
  });
  it('takes --name=value and --flag', () => {
    expect(parseOptions(['--only=scrape,admin', '--scrapeS=3', '--profile'])).toMatchObject({ only: ['scrape', 'admin'], scrapeS: 3, profile: true });
  });
  it.each([['--only=nope'], ['--scrapeS=-1'], ['--scrapeS=abc'], ['--unknown=1'], ['scrape'], ['-x']])('rejects %j', (arg) => {
    expect(() => parseOptions([arg])).toThrow();
  });
});

describe('parseStartScript', () => {
  it('reads env, node flags and the entry of package.json scripts.start', () => {
    expect(parseStartScript('NODE_COMPILE_CACHE=${NODE_COMPILE_CACHE:-node_modules/.cache/x} node --max-semi-space-size=1 src/server.ts')).toEqual({
      env: { NODE_COMPILE_CACHE: 'node_modules/.cache/x' },
      nodeArgs: ['--max-semi-space-size=1'],
    });
    expect(parseStartScript('node src/server.ts')).toEqual({ env: {}, nodeArgs: [] });
    expect(parseStartScript('A=1 exec node --x src/server.ts')).toEqual({ env: { A: '1' }, nodeArgs: ['--x'] });
  });
  it('refuses a script that is not [VAR=value ...] node [--flag ...] src/server.ts', () => {
    expect(() => parseStartScript('tsx src/server.ts')).toThrow(/scripts.start/);
    expect(() => parseStartScript('node src/server.ts --extra')).toThrow(/scripts.start/);
    expect(() => parseStartScript('')).toThrow(/scripts.start/);
  });
});

describe('slope (the soak case\'s growth per minute)', () => {
  it.each([
    [[{ x: 0, y: 1 }, { x: 1, y: 3 }], 2],
    [[{ x: 10, y: 98 }, { x: 20, y: 98 }, { x: 30, y: 98 }], 0],
    // GC noise around a flat line: the fit is flat, not the last-minus-first difference
    [[{ x: 0, y: 99 }, { x: 1, y: 97 }, { x: 2, y: 97 }, { x: 3, y: 99 }], 0],
    [[{ x: 0, y: 5 }, { x: 2, y: 1 }], -2],
  ])('%j', (points, want) => expect(slope(points)).toBeCloseTo(want, 9));
  it('runs only when named: --only=soak --soakMin=12', () => {
    expect(parseOptions([]).only).not.toContain('soak');
    expect(parseOptions(['--only=soak', '--soakMin=12'])).toMatchObject({ only: ['soak'], soakMin: 12 });
  });
  it('is NaN below two points', () => {
    expect(slope([])).toBeNaN();
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
  });
});
