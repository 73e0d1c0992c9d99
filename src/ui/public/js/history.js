// The overview's rolling window: one sample per scrape of /stats/metrics, turned into the series the
// charts draw. Counters become per-second rates between consecutive scrapes; a counter that went down
// (service restart) gives a gap, not a negative rate. Pure: tested in Node (test/ui/history.test.ts).
import { byLabel, single } from './prom.js';

/** Series keyed by name (an interface, a mount), each aligned with `t`; null marks a gap. */
function emptyGroup() {
  return new Map();
}

/**
 * @typedef {{ mount: string, usedPercent: number | null, usedBytes: number, sizeBytes: number, availableBytes: number }} MountUse
 * @typedef {{ cpu: { user: number | null, system: number | null, idle: number | null }, memory: number | null,
 *   rx: Map<string, number | null>, tx: Map<string, number | null>, storage: MountUse[],
 *   messages: number | null, messageRate: number | null }} LastValues
 */

export function createHistory(limit = 150) {
  return {
    limit,
    /** Unix seconds of each sample (uPlot's x axis). */
    t: [],
    cpu: { user: [], system: [], idle: [] },
    memory: [],
    rx: emptyGroup(),
    tx: emptyGroup(),
    storage: emptyGroup(),
    messages: [],
    /** The latest values as shown in numbers beside the charts. @type {LastValues | null} */
    last: null,
    /** The previous scrape's raw counters, for rates. */
    prev: null,
  };
}

function pushGroup(group, values, length) {
  for (const [key, series] of group) series.push(values.has(key) ? values.get(key) : null);
  for (const [key, value] of values) {
    if (!group.has(key)) group.set(key, [...new Array(length - 1).fill(null), value]);
  }
}

function rate(now, before, dt) {
  if (now === undefined || before === undefined || dt <= 0 || now < before) return null;
  return (now - before) / dt;
}

function rates(now, before, dt) {
  const out = new Map();
  for (const [key, value] of now) out.set(key, before ? rate(value, before.get(key), dt) : null);
  return out;
}

function trim(h) {
  const drop = h.t.length - h.limit;
  if (drop <= 0) return;
  const cut = (a) => a.splice(0, drop);
  cut(h.t);
  Object.values(h.cpu).forEach(cut);
  cut(h.memory);
  cut(h.messages);
  for (const group of [h.rx, h.tx, h.storage]) {
    for (const [key, series] of group) {
      cut(series);
      if (series.every((v) => v === null)) group.delete(key);
    }
  }
}

/** Adds one scrape (parsed by parseExposition) taken at `tSeconds`; mutates and returns `h`. */
export function addSample(h, families, tSeconds) {
  const dt = h.prev ? tSeconds - h.prev.t : 0;
  const raw = {
    t: tSeconds,
    rx: byLabel(families, 'node_network_receive'),
    tx: byLabel(families, 'node_network_transmit'),
    messages: single(families, 'node_nats_in_msgs'),
  };
  const used = byLabel(families, 'node_storage_used');
  const size = byLabel(families, 'node_storage_size');
  const available = byLabel(families, 'node_storage_available');
  const usedPercent = new Map();
  for (const [mount, u] of used) {
    const s = size.get(mount);
    usedPercent.set(mount, s ? (100 * u) / s : null);
  }

  h.t.push(tSeconds);
  const cpu = {
    user: single(families, 'node_cpu_user') ?? null,
    system: single(families, 'node_cpu_system') ?? null,
    idle: single(families, 'node_cpu_idle') ?? null,
  };
  for (const k of Object.keys(h.cpu)) h.cpu[k].push(cpu[k]);
  const memory = single(families, 'node_memory_used') ?? null;
  h.memory.push(memory);
  const rx = rates(raw.rx, h.prev?.rx, dt);
  const tx = rates(raw.tx, h.prev?.tx, dt);
  pushGroup(h.rx, rx, h.t.length);
  pushGroup(h.tx, tx, h.t.length);
  pushGroup(h.storage, usedPercent, h.t.length);
  const messageRate = h.prev ? rate(raw.messages, h.prev.messages, dt) : null;
  h.messages.push(messageRate);

  h.last = {
    cpu,
    memory,
    rx,
    tx,
    // Storage numbers are KB in the exposition (vendor table); shown as bytes.
    storage: [...used.keys()].map((mount) => ({
      mount,
      usedPercent: usedPercent.get(mount),
      usedBytes: used.get(mount) * 1024,
      sizeBytes: (size.get(mount) ?? NaN) * 1024,
      availableBytes: (available.get(mount) ?? NaN) * 1024,
    })),
    messages: raw.messages ?? null,
    messageRate,
  };
  h.prev = raw;
  trim(h);
  return h;
}

/** uPlot's data layout for one group: [t, series1, series2, ...] with the series names. */
export function groupData(h, group) {
  const names = [...group.keys()].sort();
  return { names, data: [h.t.slice(), ...names.map((n) => group.get(n).slice())] };
}
