// /proc/net/dev: received and transmitted byte counters per interface, as the kernel prints them.
// Pure function only; making them monotonic across samples is net-counters.ts.
import { ProcParseError, parseCount } from './parse-error.ts';

export interface IfaceBytes {
  rx: number;
  tx: number;
}

export function parseNetDev(text: string): Map<string, IfaceBytes> {
  const lines = text.split('\n');
  if (!lines[0]?.includes('|') || !lines[1]?.includes('|')) {
    throw new ProcParseError('/proc/net/dev: missing the two header lines');
  }
  const out = new Map<string, IfaceBytes>();
  for (const line of lines.slice(2)) {
    if (line.trim() === '') continue;
    // Large counters run into the colon ("eth0:277197001"); names cannot hold ':' (dev_valid_name).
    const colon = line.indexOf(':');
    if (colon < 0) throw new ProcParseError(`/proc/net/dev: no ':' in ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/);
    if (name === '' || fields.length < 16) {
      throw new ProcParseError(`/proc/net/dev: short line ${JSON.stringify(line)}`);
    }
    out.set(name, {
      rx: parseCount(fields[0], `/proc/net/dev ${name} rx bytes`),
      tx: parseCount(fields[8], `/proc/net/dev ${name} tx bytes`),
    });
  }
  return out;
}
