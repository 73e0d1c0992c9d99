// Probes the embedded engine's InfluxQL against a real influxd 1.6.7 with random statements of the grammar
// issue 13 lists (SELECT with calls, fields, tags, WHERE, GROUP BY, fill, ORDER BY, LIMIT/SLIMIT, tz(); SHOW),
// over the same points in both, and prints every statement whose answers differ. Seeded, so a run can be
// repeated: node support/influxql-probe.ts [count=100] [seed=1]. Not a test: it finds work, it passes nothing.
import { startProbePair } from './influxql-pair.ts';

const count = Number(process.argv[2] ?? 100);
let seed = Number(process.argv[3] ?? 1);
// mulberry32: a small seeded generator, enough to pick clauses.
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const maybe = (p: number, s: () => string) => (random() < p ? s() : '');

const SOURCES = [
  { from: '"PLC-Line1.dev01"', fields: ['value', 'value_string'], tags: ['tagName', 'tagID', 'registerId'], tagValue: "tagName = 'Speed'" },
  { from: '/dev0[12]/', fields: ['value'], tags: ['tagName', 'registerId'], tagValue: "tagName =~ /^(Speed|Status)$/" },
  { from: 'mixed', fields: ['value', 'n', 'ok', 'state'], tags: ['host', 'dc'], tagValue: "host = 'a'" },
  { from: 'mixed, "Boiler.dev02"', fields: ['value'], tags: ['host', 'tagName'], tagValue: "dc != 'y'" },
] as const;
const CALLS = ['count', 'sum', 'mean', 'median', 'mode', 'min', 'max', 'first', 'last', 'spread', 'stddev'];
const RANGES = [
  "time >= '2026-03-06T00:00:00Z' AND time < '2026-03-06T12:00:00Z'",
  "time > '2026-03-06T05:30:00Z' AND time <= '2026-03-07T00:00:00Z'",
  "time >= '2026-03-06T10:00:00Z' - 90m AND time < '2026-03-06T10:00:00Z' + 3h",
  'time >= 1772755200000000000 AND time < 1772798400000000000',
];

function select(): string {
  const s = pick(SOURCES);
  const field = () => pick(s.fields);
  const kind = random();
  let fields: string;
  let aggregate = true;
  if (kind < 0.25) {
    aggregate = false;
    fields = pick(['*', `${field()}`, `${field()}, ${pick(s.tags)}`, `${field()} * 2 AS doubled`, `/a/`]);
  } else if (kind < 0.75) {
    fields = Array.from({ length: 1 + Math.floor(random() * 2) }, () => `${pick(CALLS)}(${field()})`).join(', ');
  } else {
    fields = pick([
      `top(${field()}, ${1 + Math.floor(random() * 3)})`,
      `bottom(${field()}, ${pick(s.tags)}, 2)`,
      `percentile(${field()}, ${pick([5, 50, 95])})`,
      `distinct(${field()})`,
      `count(distinct(${field()}))`,
      `max(${field()}), ${pick(s.tags)}`,
      `mean(${field()}) - min(${field()})`,
    ]);
  }
  let q = `SELECT ${fields} FROM ${s.from} WHERE ${pick(RANGES)}`;
  q += maybe(0.4, () => ` AND ${pick([s.tagValue, 'value > 25', 'value < 30 OR value > 40', `${pick(s.tags)} !~ /x/`])}`);
  const dims: string[] = [];
  if (aggregate && random() < 0.6) {
    dims.push(`time(${pick(['1h', '90m', '2h', '30m', '1d', '7m'])}${maybe(0.3, () => `, ${pick(['15m', '-20m', '1h', 'now()'])}`)})`);
  }
  if (random() < 0.4) dims.push(pick([pick(s.tags), '*', '/^tag/', '/o/']));
  if (dims.length) q += ` GROUP BY ${dims.join(', ')}`;
  if (aggregate && dims.some((d) => d.startsWith('time'))) q += maybe(0.5, () => ` fill(${pick(['none', 'null', 'previous', 'linear', '0', '-1'])})`);
  q += maybe(0.2, () => ' ORDER BY time DESC');
  q += maybe(0.25, () => ` LIMIT ${1 + Math.floor(random() * 5)}`);
  q += maybe(0.1, () => ` OFFSET ${Math.floor(random() * 3)}`);
  q += maybe(0.15, () => ` SLIMIT ${1 + Math.floor(random() * 3)}${maybe(0.5, () => ` SOFFSET ${Math.floor(random() * 2)}`)}`);
  q += maybe(0.15, () => ` tz('${pick(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'])}')`);
  return q;
}

function show(): string {
  const s = pick(SOURCES);
  return pick([
    `SHOW TAG VALUES FROM ${s.from} WITH KEY =~ /./ WHERE ${s.tagValue}`,
    `SHOW TAG KEYS FROM ${s.from} LIMIT 2`,
    `SHOW FIELD KEYS FROM ${s.from}`,
    `SHOW SERIES FROM ${s.from} WHERE ${s.tagValue} LIMIT 3`,
    `SHOW MEASUREMENTS WITH MEASUREMENT =~ /${pick(['e', 'x', '^m'])}/ LIMIT 2`,
  ]);
}

const pair = await startProbePair();
let differ = 0;
try {
  for (let i = 0; i < count; i++) {
    const q = random() < 0.9 ? select() : show();
    // now() offsets come from each side's own clock: those rows cannot match to the nanosecond.
    if (q.includes('now()')) continue;
    const { diff } = await pair.compare(q);
    if (diff) {
      differ++;
      console.log(`${diff}\n`);
    }
  }
} finally {
  await pair.close();
}
console.log(`${differ} of ${count} statements differ`);
