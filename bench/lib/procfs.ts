// Footprint of a child process from /proc/<pid>: pure parsers for status and stat, plus thin readers.
import { readFileSync } from 'node:fs';

export interface MemStatus {
  rssKb: number;
  hwmKb: number;
}

/** Parses VmRSS / VmHWM (kB) out of /proc/<pid>/status text; missing fields read as 0. */
export function parseStatus(text: string): MemStatus {
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return m?.[1] ? Number(m[1]) : 0;
  };
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** utime + stime in clock ticks from /proc/<pid>/stat (fields 14 and 15, after the parenthesised comm). */
export function parseStatCpuTicks(text: string): number {
  const close = text.lastIndexOf(')');
  if (close < 0) return 0;
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  return Number(rest[11] ?? 0) + Number(rest[12] ?? 0);
}

export function readMem(pid: number): MemStatus {
  return parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** CPU seconds used so far; USER_HZ is 100 on every Linux we run on (sysconf is not reachable from Node). */
export function readCpuSeconds(pid: number): number {
  return parseStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / 100;
}

/** Samples RSS every intervalMs until stopped; returns the peak and the last value in MB. */
export function rssSampler(pid: number, intervalMs = 200): { stop(): { peakMb: number; lastMb: number } } {
  let peak = 0;
  let last = 0;
  const tick = () => {
    try {
      last = readMem(pid).rssKb;
      peak = Math.max(peak, last);
    } catch {
      // The process may have exited between ticks; keep what was seen.
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakMb: peak / 1024, lastMb: last / 1024 };
    },
  };
}
