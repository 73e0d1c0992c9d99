// Bench options from argv (--name=value) with defaults sized so a full run fits in 5 minutes on 2 cores.
export interface BenchOptions {
  /** Cases to run, in order. */
  only: string[];
  /** Seconds of measured load per HTTP run; the scrape case uses scrapeS (the issue fixes 10 s). */
  durationS: number;
  scrapeS: number;
  /** Alternating rounds of emulator and bare node:http in the scrape case; each keeps its best. */
  scrapeRounds: number;
  warmupS: number;
  connections: number;
  /** Bearer-vs-Basic scrape pairs (order alternating) and the seconds of each run. */
  authPairs: number;
  authPairS: number;
  /** Admin-read data set. */
  dbs: number;
  measurements: number;
  users: number;
  /** Write cases: points per batch and total points per subject. */
  batch: number;
  points: number;
  /** Data-plane flow: target message rate and seconds. */
  msgRate: number;
  flowS: number;
  /** Cold loads of the admin page in Chromium, each in a fresh profile. */
  uiRounds: number;
  /** Minutes the opt-in soak case watches an idle `npm start` (at least 11). */
  soakMin: number;
  /** Write node --cpu-prof profiles of the emulator under bench/results/profiles. */
  profile: boolean;
  resultsDir: string;
}

/** What `npm run bench` runs; the soak case (30 min) runs only when named in --only. */
export const DEFAULT_CASES = ['scrape', 'footprint', 'admin', 'writes', 'flow', 'influxql', 'influx-write', 'ui'];
export const ALL_CASES = [...DEFAULT_CASES, 'soak'];

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    only: DEFAULT_CASES,
    durationS: 5,
    scrapeS: 10,
    scrapeRounds: 2,
    warmupS: 2,
    connections: 10,
    authPairs: 6,
    authPairS: 3,
    dbs: 50,
    measurements: 200,
    users: 200,
    batch: 5000,
    points: 500_000,
    msgRate: 50_000,
    flowS: 10,
    uiRounds: 5,
    soakMin: 30,
    profile: false,
    resultsDir: new URL('../results', import.meta.url).pathname,
  };
  for (const arg of argv) {
    const m = /^--([a-zA-Z]+)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw new Error(`bad argument ${arg}; use --name=value`);
    const key = m[1];
    const value = m[2] ?? 'true';
    if (key === 'only') o.only = value.split(',').filter(Boolean);
    else if (key === 'profile') o.profile = value !== 'false';
    else if (key === 'resultsDir') o.resultsDir = value;
    else if (key in o && typeof o[key as keyof BenchOptions] === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${key} needs a number`);
      (o as unknown as Record<string, number>)[key] = n;
    } else throw new Error(`unknown option --${key}`);
  }
  for (const c of o.only) if (!ALL_CASES.includes(c)) throw new Error(`unknown case ${c}; cases: ${ALL_CASES.join(', ')}`);
  return o;
}
