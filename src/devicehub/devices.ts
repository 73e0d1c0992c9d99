// The simulated fleet, derived purely from its size: names follow the document's examples
// (`P1_L1_Machine1_1_OPC`), IDs are name-based UUIDs, so the same settings give the same measurements
// after every restart without any state on disk.
import { createHash } from 'node:crypto';

export type SignalKind = 'temperature' | 'pressure' | 'speed' | 'vibration' | 'counter' | 'state' | 'running' | 'mode';

export interface SimTag {
  tagID: string;
  tagName: string;
  registerId: string;
  datatype: 'float64' | 'int64' | 'bool' | 'string';
  description: string;
  kind: SignalKind;
  /** Global index, seeds the signal's phase and noise. */
  seed: number;
}

export interface SimDevice {
  deviceID: string;
  deviceName: string;
  driver: string;
  tags: SimTag[];
}

// The document's machines: Machine1 speaks OPC UA, Machine2 Modbus, Machine3 Siemens S7.
const DRIVERS = ['OPC', 'MB', 'S7'] as const;

const TAG_TEMPLATES: readonly { name: string; kind: SignalKind; datatype: SimTag['datatype']; description: string }[] = [
  { name: 'Temperature', kind: 'temperature', datatype: 'float64', description: 'Spindle temperature (°C)' },
  { name: 'Pressure', kind: 'pressure', datatype: 'float64', description: 'Hydraulic pressure (bar)' },
  { name: 'PartCounter', kind: 'counter', datatype: 'int64', description: 'Parts produced since reset' },
  { name: 'MachineState', kind: 'state', datatype: 'int64', description: '0 stopped, 1 running, 2 idle, 3 fault' },
  { name: 'Running', kind: 'running', datatype: 'bool', description: 'Motor running bit' },
  { name: 'Speed', kind: 'speed', datatype: 'float64', description: 'Spindle speed (rpm)' },
  { name: 'Vibration', kind: 'vibration', datatype: 'float64', description: 'Vibration RMS (mm/s)' },
  { name: 'Mode', kind: 'mode', datatype: 'string', description: 'Operating mode' },
];

/** An RFC 4122 version-5-style UUID from a name, upper case like the document's IDs. */
export function nameUuid(name: string): string {
  const h = createHash('sha1').update('litmus-datahub-emulator:' + name).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Device i: three machines per line, two lines per plant, as in the document's list. */
export function deviceName(i: number): string {
  const machine = (i % 3) + 1;
  const line = (Math.floor(i / 3) % 2) + 1;
  const plant = Math.floor(i / 6) + 1;
  return `P${plant}_L${line}_Machine${machine}_1_${DRIVERS[i % 3] as string}`;
}

/** `signalSeed` (SIM_SEED) shifts every tag's noise and phase; names and IDs never depend on it. */
export function simulatedDevices(devices: number, tagsPerDevice: number, signalSeed = 0): SimDevice[] {
  const out: SimDevice[] = [];
  for (let d = 0; d < devices; d++) {
    const name = deviceName(d);
    const deviceID = nameUuid(name);
    const tags: SimTag[] = [];
    for (let t = 0; t < tagsPerDevice; t++) {
      const tpl = TAG_TEMPLATES[t % TAG_TEMPLATES.length] as (typeof TAG_TEMPLATES)[number];
      const round = Math.floor(t / TAG_TEMPLATES.length);
      const tagName = round === 0 ? tpl.name : `${tpl.name}${round + 1}`;
      tags.push({
        tagID: nameUuid(`${deviceID}/${tagName}`),
        tagName,
        registerId: d % 3 === 1 ? `4${String(t + 1).padStart(4, '0')}` : `ns=2;s=${tagName}`,
        datatype: tpl.datatype,
        description: tpl.description,
        kind: tpl.kind,
        // A multiple of 8 keeps machineState's grouping of eight tags per machine.
        seed: d * tagsPerDevice + t + signalSeed * 8192,
      });
    }
    out.push({ deviceID, deviceName: name, driver: DRIVERS[d % 3] as string, tags });
  }
  return out;
}
