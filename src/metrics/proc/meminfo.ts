// /proc/meminfo: percent of RAM in use, (MemTotal - MemAvailable) / MemTotal. Pure functions only.
import { ProcParseError } from './parse-error.ts';

export interface MemInfo {
  totalKb: number;
  availableKb: number;
}

export function parseMeminfo(text: string): MemInfo {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    // Lines we cannot read are skipped rather than fatal: only the few fields below matter, and
    // their absence is reported precisely.
    const m = /^([\w()]+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) fields.set(m[1], Number(m[2]));
  }
  const total = fields.get('MemTotal');
  if (total === undefined || total === 0) throw new ProcParseError('/proc/meminfo: no usable MemTotal');
  let available = fields.get('MemAvailable');
  if (available === undefined) {
    // Kernels before 3.14 have no MemAvailable; free + buffers + page cache is the estimate the
    // kernel commit (34e431b0ae39) replaced, close enough on the old edge kernels that lack it.
    const free = fields.get('MemFree');
    if (free === undefined) throw new ProcParseError('/proc/meminfo: neither MemAvailable nor MemFree');
    available = free + (fields.get('Buffers') ?? 0) + (fields.get('Cached') ?? 0);
  }
  return { totalKb: total, availableKb: Math.min(available, total) };
}

export function memoryUsedPercent(m: MemInfo): number {
  return ((m.totalKb - m.availableKb) / m.totalKb) * 100;
}
