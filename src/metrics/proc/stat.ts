// /proc/stat: the aggregate "cpu" line, and the split of CPU time into the vendor's three buckets
// (idle, system, user) as percentages of the time between two samples. Pure functions only.
import { ProcParseError, parseCount } from './parse-error.ts';

/** Jiffies per state since boot, from the aggregate "cpu" line (proc(5)). */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

export interface CpuPercent {
  idle: number;
  system: number;
  user: number;
}

export const ZERO_CPU_TIMES: CpuTimes = {
  user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0,
};

const FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

export function parseProcStat(text: string): CpuTimes {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) throw new ProcParseError('/proc/stat: no aggregate "cpu" line');
  const values = line.trim().split(/\s+/).slice(1);
  // Kernels before 2.6.11 print only the first 4..7 columns; the missing ones did not exist, so 0.
  if (values.length < 4) throw new ProcParseError(`/proc/stat: "cpu" line has ${values.length} fields, need 4`);
  const times = { ...ZERO_CPU_TIMES };
  FIELDS.forEach((field, i) => {
    const v = values[i];
    if (v !== undefined) times[field] = parseCount(v, `/proc/stat cpu ${field}`);
  });
  return times;
}

/**
 * Percent idle/system/user between two samples; the three add up to 100.
 * - guest and guest_nice are left out: the kernel already counts guest time in user and nice
 *   (account_guest_time() adds to both), so adding them again would count it twice.
 * - user = user + nice: niced work is still user-mode work, only at lower priority.
 * - idle = idle + iowait: iowait is idle time during which some task waited on I/O; the CPU could
 *   have run anything else, and proc(5) warns the number is unreliable on its own.
 * - system = system + irq + softirq + steal: interrupt handling is kernel mode; steal is time the
 *   hypervisor took this CPU away from us, so it was neither available (idle) nor ours (user). Counting
 *   it as busy keeps "system + user" an honest measure of capacity lost on an oversubscribed VM.
 * With no previous sample, pass ZERO_CPU_TIMES and get the average since boot.
 * Returns undefined when no time passed (two reads within one jiffy) so the caller keeps its last value.
 */
export function cpuPercent(prev: CpuTimes, cur: CpuTimes): CpuPercent | undefined {
  // Some kernels let idle/iowait step backwards (NO_HZ accounting); a negative delta is treated as 0.
  const d = (k: keyof CpuTimes) => Math.max(0, cur[k] - prev[k]);
  const idle = d('idle') + d('iowait');
  const system = d('system') + d('irq') + d('softirq') + d('steal');
  const user = d('user') + d('nice');
  const total = idle + system + user;
  if (total === 0) return undefined;
  return { idle: (idle / total) * 100, system: (system / total) * 100, user: (user / total) * 100 };
}
