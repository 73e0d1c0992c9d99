// GET /devicehub/metrics as LitmusEdge 4.0 serves it: per device its online status, its tag count and its
// failed tags, labelled `id` (device ID) and `name` (device name, spaces replaced by `_`). Pure: the
// route gathers the rows (simulated devices and devices seen on the bus) and this renders them.

export interface DeviceRow {
  id: string;
  name: string;
  online: boolean;
  tags: number;
  failedTags: number;
}

const FAMILIES = [
  ['edge_dh_device_online_status', 'Whether the DeviceHub device is online (1) or offline (0).', (r: DeviceRow) => (r.online ? 1 : 0)],
  ['edge_dh_device_tags', 'Number of tags of the DeviceHub device.', (r: DeviceRow) => r.tags],
  ['edge_dh_failed_tags', 'Number of the device\'s tags whose last read failed.', (r: DeviceRow) => r.failedTags],
] as const;

/** The exposition's label-value escapes (backslash, double quote, newline). */
function labelValue(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : '\\' + c));
}

export function deviceLabelName(deviceName: string): string {
  return deviceName.replace(/ /g, '_');
}

/** Text format 0.0.4; rows sorted by name then ID so the output is stable between scrapes. */
export function renderDeviceMetrics(rows: readonly DeviceRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: string[] = [];
  for (const [name, help, value] of FAMILIES) {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const r of sorted) {
      out.push(`${name}{id="${labelValue(r.id)}",name="${labelValue(deviceLabelName(r.name))}"} ${value(r)}`);
    }
  }
  return out.join('\n') + '\n';
}
