// Bench results: the row and target types every case returns, the printed table, and the JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export interface Row {
  case: string;
  subject: string;
  /** Headline throughput, e.g. 12345 with unit 'req/s' or 'points/s'. */
  throughput?: number;
  unit?: string;
  p50Ms?: number;
  p99Ms?: number;
  rssMb?: number;
  errors?: number;
  note?: string;
  /** Everything else measured, kept in the JSON. */
  extra?: Record<string, number | string>;
}

export interface Target {
  target: string;
  measured: string;
  /** undefined: could not be measured in this run (the note says why). */
  met: boolean | undefined;
  note?: string;
}

export interface CaseResult {
  rows: Row[];
  targets: Target[];
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function renderTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

export function formatRows(rows: Row[]): string {
  return renderTable(
    ['case', 'subject', 'throughput', 'p50 ms', 'p99 ms', 'RSS MB', 'errors', 'note'],
    rows.map((r) => [
      r.case,
      r.subject,
      r.throughput === undefined ? '' : `${fmt(r.throughput)} ${r.unit ?? ''}`,
      fmt(r.p50Ms, 2),
      fmt(r.p99Ms, 2),
      fmt(r.rssMb, 1),
      r.errors === undefined ? '' : String(r.errors),
      r.note ?? '',
    ]),
  );
}

export function formatTargets(targets: Target[]): string {
  return renderTable(
    ['target', 'measured', 'met'],
    targets.map((t) => [t.target, t.measured + (t.note ? ` (${t.note})` : ''), t.met === undefined ? 'n/a' : t.met ? 'MET' : 'NOT MET']),
  );
}

export function writeResults(dir: string, data: { options: unknown; rows: Row[]; targets: Target[]; failures: string[]; seconds: number }): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = `${dir}/bench-${stamp}.json`;
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, kernel: os.release() };
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, ...data }, null, 2) + '\n');
  writeFileSync(`${dir}/latest.json`, JSON.stringify({ date: new Date().toISOString(), machine, ...data }, null, 2) + '\n');
  return file;
}
