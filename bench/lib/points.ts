// Deterministic DeviceHub-shaped points for the write cases: devices × tags series, one value field,
// strictly increasing millisecond timestamps, and a plain line-protocol serializer for the direct peer.
import type { Point } from '../../src/tsdb/adapter.ts';

export function makeBatches(total: number, batch: number, devices = 20, tags = 25): Point[][] {
  const out: Point[][] = [];
  const t0 = Date.now() - total; // one ms per point keeps every timestamp in the past and distinct
  let cur: Point[] = [];
  for (let i = 0; i < total; i++) {
    const d = i % devices;
    const t = Math.floor(i / devices) % tags;
    cur.push({
      measurement: `P1_L1_Machine${d}_1_OPC.5f2b${String(d).padStart(4, '0')}-0000-4000-8000-000000000000`,
      tags: { tagName: `Tag_${t}`, registerId: `r${t}`, datatype: 'float64' },
      fields: { value: Math.sin(i / 100) * 100 },
      timestampMs: t0 + i,
    });
    if (cur.length === batch) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

const escKey = (s: string) => s.replace(/[,= \\]/g, (c) => `\\${c}`);
const escMeasurement = (s: string) => s.replace(/[, \\]/g, (c) => `\\${c}`);

function fieldValue(v: number | boolean | string): string {
  // Floats always, like the adapter: a JS number does not say it is an integer.
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Line protocol with millisecond precision (write with precision=ms). */
export function toLineProtocol(points: Point[]): string {
  const lines = points.map((p) => {
    const tags = Object.keys(p.tags)
      .sort()
      .map((k) => `,${escKey(k)}=${escKey(p.tags[k] ?? '')}`)
      .join('');
    const fields = Object.entries(p.fields)
      .map(([k, v]) => `${escKey(k)}=${fieldValue(v)}`)
      .join(',');
    return `${escMeasurement(p.measurement)}${tags} ${fields} ${p.timestampMs}`;
  });
  return lines.join('\n');
}
