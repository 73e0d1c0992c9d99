// DeviceHub-shaped points for the InfluxQL differential test and bench: measurements
// `<DeviceName>.<DeviceID>`, tags tagName/tagID/registerId, float `value` (text tags in `value_string`),
// one point a minute over several days with gaps. Deterministic for a given end time.
import type { LinePoint } from '../src/tsdb/adapters/embedded/index.ts';

export const DEVICES = [
  { name: 'PLC-Line1', id: 'dev01' },
  { name: 'Boiler', id: 'dev02' },
  { name: 'Robot Arm', id: 'dev03' },
  { name: 'Press_7', id: 'dev04' },
] as const;

export const TAGS = [
  { tagName: 'Temperature', tagID: 't1', registerId: '40001' },
  { tagName: 'Pressure', tagID: 't2', registerId: '40002' },
  { tagName: 'Speed', tagID: 't3', registerId: '40003' },
  { tagName: 'Status', tagID: 't4', registerId: '10001' },
] as const;

const MINUTE = 60_000_000_000n;

/** Points for `days` days of whole minutes ending at `endNs` (a whole minute); gaps where (minute index % 97) < 9 and a 3-hour hole per device. */
export function devicehubPoints(endNs: bigint, days = 3): LinePoint[] {
  const minutes = days * 1440;
  const start = endNs - BigInt(minutes - 1) * MINUTE;
  const points: LinePoint[] = [];
  DEVICES.forEach((d, di) => {
    const measurement = `${d.name}.${d.id}`;
    const hole = 600 + di * 1000;
    TAGS.forEach((t, ti) => {
      for (let i = 0; i < minutes; i++) {
        if ((i + ti * 7) % 97 < 9) continue;
        if (i >= hole && i < hole + 180) continue;
        const timeNs = start + BigInt(i) * MINUTE;
        const base = 20 + di * 10 + ti * 3;
        const wave = Math.round((Math.sin((i + di * 13) / 37) * 5 + ((i * 7 + ti) % 11) / 4) * 1000) / 1000;
        const fields: LinePoint['fields'] =
          t.tagName === 'Status' ? { value: i % 3 === 0 ? 1 : 0, value_string: ['RUN', 'IDLE', 'FAULT'][i % 3] as string } : { value: base + wave };
        points.push({ measurement, tags: { tagName: t.tagName, tagID: t.tagID, registerId: t.registerId }, fields, timeNs });
      }
    });
  });
  return points;
}

const escM = (s: string) => s.replace(/[, ]/g, (c) => `\\${c}`);
const escT = (s: string) => s.replace(/[,= ]/g, (c) => `\\${c}`);

/** The same points as line protocol (ns precision), for influxd's /write. */
export function toLineProtocol(points: LinePoint[]): string {
  return points
    .map((p) => {
      const tags = Object.entries(p.tags).map(([k, v]) => `,${escT(k)}=${escT(v)}`).join('');
      const fields = Object.entries(p.fields)
        .map(([k, v]) => {
          const text = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? `${v.int}i` : String(v);
          return `${escT(k)}=${text}`;
        })
        .join(',');
      return `${escM(p.measurement)}${tags} ${fields} ${p.timeNs}`;
    })
    .join('\n');
}
