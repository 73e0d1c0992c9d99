// Seeded fuzzing of the Influx API: 1,000 random InfluxQL statements to /query and 1,000 random
// line-protocol bodies to /write, as a user with ALL on tsdata. Every answer is a 2xx or an influxd-style
// 4xx JSON error, never a 5xx. The seed is fixed, so a failure names a reproducible input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, send, startInfluxApi, type InfluxApiUnderTest } from './support.ts';

const SEED = 0x13a91;
let ours: InfluxApiUnderTest;
beforeAll(async () => {
  ours = await startInfluxApi();
  await ours.createUser('fuzz', 'f-pw', [{ database: 'tsdata', privileges: 'ALL' }]);
});
afterAll(() => ours?.close());

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'LIMIT', 'OFFSET', 'SLIMIT', 'SOFFSET', 'fill(', 'time(', 'tz(',
  'SHOW', 'MEASUREMENTS', 'TAG', 'KEYS', 'VALUES', 'FIELD', 'SERIES', 'DATABASES', 'RETENTION', 'POLICIES', 'WITH', 'KEY',
  'MEASUREMENT', 'IN', 'ON', 'AND', 'OR', 'NOT', 'AS', 'DESC', 'ASC', 'INTO', 'CREATE', 'DROP', 'DELETE', 'GRANT', 'USER',
  '*', ',', '(', ')', ';', '=', '!=', '<>', '=~', '!~', '<', '>', '<=', '>=', '+', '-', '/', '%', '.', '..', '::',
  'mean(', 'count(', 'percentile(', 'top(', 'distinct(', 'now()', '1h', '5m', '-1d', '1.5', '42', '-7', '0',
  '"cpu"', '"a""b"', "'str'", "'it\\'s'", '/re.*/', '/(/', '$p', 'value', 'host', 'tagName', '"DeviceA.1"', "'2024-01-01T00:00:00Z'",
  'null', 'none', 'previous', 'linear', 'true', 'false', '\n', '\t', '"', "'", '\\', '`', 'é', '\u0000',
];
const VALID_QUERIES = [
  'SELECT mean("value") FROM "DeviceA.1" WHERE ("tagName" = \'Temperature\') AND time >= now() - 6h GROUP BY time(1m) fill(null)',
  'SHOW TAG VALUES FROM cpu WITH KEY IN ("host", "region") WHERE host =~ /a/ LIMIT 2',
  'SELECT * FROM /.*/ WHERE time > 0 ORDER BY time DESC LIMIT 10 OFFSET 1 SLIMIT 1 tz(\'Europe/Paris\')',
];

function statement(r: () => number): string {
  if (r() < 0.3) {
    const base = VALID_QUERIES[Math.floor(r() * VALID_QUERIES.length)]!;
    const chars = [...base];
    for (let i = Math.floor(r() * 4) + 1; i > 0; i--) {
      const at = Math.floor(r() * chars.length);
      if (r() < 0.5) chars.splice(at, 1);
      else chars.splice(at, 0, String.fromCharCode(32 + Math.floor(r() * 95)));
    }
    return chars.join('');
  }
  const n = 1 + Math.floor(r() * 14);
  return Array.from({ length: n }, () => TOKENS[Math.floor(r() * TOKENS.length)]).join(r() < 0.8 ? ' ' : '');
}

const PIECES = [
  'm', 'cpu', '\\ ', '\\,', '\\=', '\\"', '\\\\', ',', ' ', '=', '"', 't=a', 'v=1', 'v=1i', 'v=-1.5e3', 'v=true', 'v=F', 'v="s"',
  'v="a\\"b"', 'time=1', 'v=NaN', 'v=1u', 'v=9223372036854775808i', '1700000000000000000', '-1', '99999999999999999999', 'x',
  '\n', '\r', '\t', '#', '\u0000', 'é', '\\', 'v=', ',t=', 'a=1,a=2',
];

function body(r: () => number): string {
  const lines = 1 + Math.floor(r() * 5);
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    if (r() < 0.35) {
      out.push(`fz${Math.floor(r() * 5)},host=h${Math.floor(r() * 3)} value=${(r() * 100).toFixed(2)},n=${Math.floor(r() * 9)}i ${1700000000000000000 + Math.floor(r() * 1e12)}`);
      continue;
    }
    const n = 1 + Math.floor(r() * 8);
    out.push(Array.from({ length: n }, () => PIECES[Math.floor(r() * PIECES.length)]).join(''));
  }
  return out.join('\n');
}

async function run(kind: 'query' | 'write', count: number): Promise<Map<number, number>> {
  const r = rng(SEED + (kind === 'query' ? 0 : 1));
  const statuses = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const input = kind === 'query' ? statement(r) : body(r);
    const res =
      kind === 'query'
        ? await send(ours.url, { path: '/query?db=tsdata', body: new URLSearchParams({ q: input }), headers: basicAuth('fuzz', 'f-pw') })
        : await send(ours.url, { path: '/write?db=tsdata', body: input, headers: basicAuth('fuzz', 'f-pw') });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect(res.status, `${kind} #${i} ${JSON.stringify(input)}: ${res.body}`).toBeLessThan(500);
    if (res.status >= 400) expect(JSON.parse(res.body), `${kind} #${i}`).toEqual({ error: expect.any(String) });
  }
  return statuses;
}

describe('fuzz (seeded)', () => {
  it('1,000 random statements: no 5xx, every refusal a JSON error', async () => {
    const statuses = await run('query', 1000);
    // Not vacuous: most statements are refused by the parser, some parse and run.
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(200)).toBeGreaterThan(10);
  }, 120_000);

  it('1,000 random line-protocol bodies: no 5xx, every refusal a JSON error', async () => {
    const statuses = await run('write', 1000);
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect(statuses.get(204)).toBeGreaterThan(50);
  }, 120_000);
});
