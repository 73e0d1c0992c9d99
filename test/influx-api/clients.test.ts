// Real InfluxDB 1.x clients nobody here wrote, logging in as users made through /stats/users: Debian's
// `influx` shell (influxdb-client), python3-influxdb (the library Litmus's tools use, from /usr/bin/python3)
// and the `influx` npm package. Writes with WRITE land; without it (or with a wrong password) they are refused
// with influxd's texts; reads list measurements and query points.
import { spawn } from 'node:child_process';
import { InfluxDB } from 'influx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../../support/processes.ts';
import { startInfluxApi, type InfluxApiUnderTest } from './support.ts';

let ours: InfluxApiUnderTest;
let port: number;
beforeAll(async () => {
  ours = await startInfluxApi();
  port = Number(new URL(ours.url).port);
  await ours.createUser('writer', 'w-pw', [{ database: 'tsdata', privileges: 'WRITE' }]);
  await ours.createUser('reader', 'r-pw', [{ database: 'tsdata', privileges: 'READ' }]);
  await ours.createUser('stranger', 's-pw', []);
});
afterAll(() => ours?.close());

/** Straight from the engine (GET /stats/db may serve a snapshot a moment old). */
async function measurements(): Promise<string[]> {
  const dbs = await ours.t.app.sources.embedded()!.listDatabases();
  return dbs.find((d) => d.name === 'tsdata')?.measurements ?? [];
}

function run(bin: string, args: string[], input?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input ?? '');
  });
}

describe('Debian influx shell', () => {
  const shell = (user: string, password: string, command: string) =>
    run(requireBinary('influx', 'influxdb-client'), ['-host', '127.0.0.1', '-port', String(port), '-username', user, '-password', password, '-database', 'tsdata', '-execute', command]);

  it('writes with WRITE, is refused without it or with a wrong password', async () => {
    expect((await shell('writer', 'w-pw', 'INSERT shell,tagName=Temperature value=21.5 1700000000000000000')).out).toBe('');
    expect(await measurements()).toContain('shell');
    expect((await shell('reader', 'r-pw', 'INSERT shell value=1')).out).toContain('ERR: {"error":"\\"reader\\" user is not authorized to write to database \\"tsdata\\""}');
    expect((await shell('writer', 'nope', 'INSERT shell value=1')).out).toContain('ERR: {"error":"authorization failed"}');
  });

  it('lists measurements and queries as a reader; a stranger is refused', async () => {
    expect((await shell('reader', 'r-pw', 'SHOW MEASUREMENTS')).out).toMatch(/name: measurements\nname\n-+\n(.*\n)*shell\n/);
    expect((await shell('reader', 'r-pw', 'SELECT value FROM shell')).out).toContain('1700000000000000000 21.5');
    const refused = await shell('stranger', 's-pw', 'SELECT value FROM shell');
    expect(refused.out).toContain("stranger not authorized to execute statement 'SELECT value FROM shell', requires READ on tsdata");
  });
});

describe('python3-influxdb', () => {
  const python = (script: string) => run('/usr/bin/python3', ['-c', script, String(port)]);
  const prelude = `import sys, json
from influxdb import InfluxDBClient
from influxdb.exceptions import InfluxDBClientError
def client(u, p): return InfluxDBClient('127.0.0.1', int(sys.argv[1]), u, p, 'tsdata')
def attempt(f):
    try: return {'ok': f()}
    except InfluxDBClientError as e: return {'code': e.code, 'content': str(e.content)}
`;

  it('writes with WRITE, is refused without it or with a wrong password', async () => {
    const { out, code } = await python(`${prelude}
pt = [{"measurement": "py", "tags": {"tagName": "Pressure"}, "fields": {"value": 1.5, "n": 2}, "time": 1700000000000000000}]
print(json.dumps([attempt(lambda: client('writer', 'w-pw').write_points(pt)),
                  attempt(lambda: client('reader', 'r-pw').write_points(pt)),
                  attempt(lambda: client('writer', 'bad').write_points(pt))]))`);
    expect(code, out).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { ok: true },
      { code: 403, content: '{"error":"\\"reader\\" user is not authorized to write to database \\"tsdata\\""}\n' },
      { code: 401, content: '{"error":"authorization failed"}\n' },
    ]);
    expect(await measurements()).toContain('py');
  });

  it('lists measurements and queries as a reader; a stranger is refused', async () => {
    const { out, code } = await python(`${prelude}
r = client('reader', 'r-pw')
print(json.dumps([attempt(lambda: [m['name'] for m in r.get_list_measurements()]),
                  attempt(lambda: list(r.query('SELECT value, n FROM py').get_points())),
                  attempt(lambda: list(client('stranger', 's-pw').query('SELECT value FROM py').get_points()))]))`);
    expect(code, out).toBe(0);
    const [list, points, refused] = JSON.parse(out) as [{ ok: string[] }, { ok: unknown[] }, { code: number }];
    expect(list.ok).toContain('py');
    expect(points.ok).toEqual([{ time: '2023-11-14T22:13:20Z', value: 1.5, n: 2 }]);
    expect(refused.code).toBe(403);
  });
});

describe('influx (npm)', () => {
  const client = (username: string, password: string) => new InfluxDB({ host: '127.0.0.1', port, username, password, database: 'tsdata' });
  const point = { measurement: 'npm', tags: { tagName: 'Flow' }, fields: { value: 3.25 }, timestamp: new Date(1700000000000) };

  it('writes with WRITE, is refused without it or with a wrong password', async () => {
    await client('writer', 'w-pw').writePoints([point]);
    expect(await measurements()).toContain('npm');
    await expect(client('reader', 'r-pw').writePoints([point])).rejects.toThrow(/403 Forbidden.*"reader\\" user is not authorized to write/);
    await expect(client('writer', 'bad').writePoints([point])).rejects.toThrow(/401 Unauthorized.*authorization failed/);
  });

  it('lists measurements and queries as a reader; a stranger is refused', async () => {
    const reader = client('reader', 'r-pw');
    expect(await reader.getMeasurements()).toEqual(expect.arrayContaining(['npm', 'py', 'shell']));
    const rows = await reader.query<{ value: number }>('SELECT value FROM npm');
    expect(rows.map((r) => r.value)).toEqual([3.25]);
    await expect(client('stranger', 's-pw').query('SELECT value FROM npm')).rejects.toThrow(/not authorized to execute statement/);
  });
});
