// `npm run bench`: runs each selected case (each starts and stops its own processes on free ports),
// prints one table of rows and one of targets, and writes the JSON under bench/results/.
// Usage: npm run bench -- [--only=scrape,admin] [--scrapeS=10] [--durationS=5] [--profile] ...
import { adminCase } from './cases/admin.ts';
import { flowCase } from './cases/flow.ts';
import { footprintCase } from './cases/footprint.ts';
import { influxqlCase } from './cases/influxql.ts';
import { influxWriteCase } from './cases/influx-write.ts';
import { scrapeCase } from './cases/scrape.ts';
import { uiCase } from './cases/ui.ts';
import { soakCase } from './cases/soak.ts';
import { writesCase } from './cases/writes.ts';
import { parseOptions, type BenchOptions } from './lib/options.ts';
import { formatRows, formatTargets, writeResults, type CaseResult, type Row, type Target } from './lib/report.ts';
import { assertWrk } from './lib/wrk.ts';

const CASES: Record<string, (o: BenchOptions) => Promise<CaseResult>> = {
  scrape: scrapeCase,
  footprint: footprintCase,
  admin: adminCase,
  writes: writesCase,
  flow: flowCase,
  influxql: influxqlCase,
  'influx-write': influxWriteCase,
  ui: uiCase,
  soak: soakCase,
};

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  assertWrk();
  const t0 = Date.now();
  const rows: Row[] = [];
  const targets: Target[] = [];
  const failures: string[] = [];
  for (const name of o.only) {
    const run = CASES[name];
    if (!run) continue;
    const started = Date.now();
    console.log(`# ${name} ...`);
    try {
      const r = await run(o);
      rows.push(...r.rows);
      targets.push(...r.targets);
    } catch (err) {
      const msg = `${name}: ${err instanceof Error ? err.message : String(err)}`;
      failures.push(msg);
      console.error(`# ${name} FAILED: ${msg}`);
    }
    console.log(`# ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`\n${formatRows(rows)}\n\n${formatTargets(targets)}\n`);
  const file = writeResults(o.resultsDir, { options: o, rows, targets, failures, seconds });
  console.log(`whole bench: ${seconds.toFixed(0)} s; results: ${file}`);
  if (failures.length > 0) {
    console.error(`failed cases:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
