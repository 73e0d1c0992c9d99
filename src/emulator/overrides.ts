// Metric overrides: a family (or one label set of it) pinned to a constant, a ramp, a bounded random walk,
// or for counters a rate that keeps them monotonic, optionally reverting after for_s. Pure apart from the
// injected clock and random source; the metrics sampler calls map() once per sample (createMetrics' mapSeries,
// the seam src/metrics/series.ts describes).
import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { FAMILIES } from '../metrics/names.ts';
import type { FamilySeries, Series } from '../metrics/index.ts';
import type { FamilyKey } from '../metrics/names.ts';

const finite = z.number().finite();
const positive = finite.positive();

export const overrideBodySchema = z
  .strictObject({
    /** Which series; left out, every series of the family. A label value that does not exist is added. */
    labels: z.record(z.string(), z.string().min(1).max(255)).optional(),
    value: finite.optional(),
    ramp: z.strictObject({ from: finite, to: finite, over_s: positive }).optional(),
    walk: z.strictObject({ min: finite, max: finite, step: positive, start: finite.optional() }).optional(),
    rate_per_s: finite.min(0).optional(),
    /** Reverts to the live value after this long. */
    for_s: positive.max(31_536_000).optional(),
  })
  .refine((b) => [b.value, b.ramp, b.walk, b.rate_per_s].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of value, ramp, walk, rate_per_s',
  })
  .refine((b) => !b.walk || b.walk.min <= b.walk.max, { message: 'walk.min must not exceed walk.max', path: ['walk'] });

export type OverrideBody = z.infer<typeof overrideBodySchema>;

export interface OverrideView extends OverrideBody {
  family: string;
  set_at: string;
  until?: string | undefined;
}

interface Override {
  key: FamilyKey;
  body: OverrideBody;
  setMs: number;
  untilMs: number;
  /** Per series (label key): the walk's position or the counter's emitted total and when. */
  state: Map<string, { value: number; atMs: number }>;
}

const BY_NAME = new Map<string, FamilyKey>(Object.entries(FAMILIES).map(([key, f]) => [f.name, key as FamilyKey]));
const labelKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
const ALL = '*';

/** The family key of a vendor family name, or a 400 listing the names there are. */
export function familyKey(name: string): FamilyKey {
  const key = BY_NAME.get(name);
  if (!key) throw badRequest(`family: unknown metric family "${name}"; one of ${[...BY_NAME.keys()].join(', ')}`);
  return key;
}

export class MetricOverrides {
  readonly #byFamily = new Map<FamilyKey, Map<string, Override>>();
  /** Counters that had a rate override keep their lead over the live value: they never go back down. */
  readonly #counterLead = new Map<string, number>();
  /** Counter totals at the moment their override ended, turned into a lead at the next sample. */
  readonly #endedAt = new Map<string, number>();
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(now: () => number = Date.now, random: () => number = Math.random) {
    this.#now = now;
    this.#random = random;
  }

  get idle(): boolean {
    return this.#byFamily.size === 0 && this.#counterLead.size === 0 && this.#endedAt.size === 0;
  }

  /** Checks the body against the family (400 naming the field) and puts it in force. */
  set(family: string, body: OverrideBody): OverrideView {
    const key = familyKey(family);
    const spec: { name: string; type: string; labelNames: readonly string[] } = FAMILIES[key];
    const labels = body.labels ?? {};
    for (const name of Object.keys(labels)) {
      if (!spec.labelNames.includes(name)) {
        throw badRequest(`body.labels.${name}: ${spec.name} has ${spec.labelNames.length ? `only the label ${spec.labelNames.join(', ')}` : 'no labels'}`);
      }
    }
    if (body.labels && Object.keys(labels).length !== spec.labelNames.length) {
      throw badRequest(`body.labels: give every label of ${spec.name} (${spec.labelNames.join(', ')}) or none`);
    }
    if (spec.type === 'counter' && body.rate_per_s === undefined) {
      throw badRequest(`body.rate_per_s: ${spec.name} is a counter and stays monotonic: override it with rate_per_s`);
    }
    if (spec.type !== 'counter' && body.rate_per_s !== undefined) {
      throw badRequest(`body.rate_per_s: ${spec.name} is a gauge: use value, ramp or walk`);
    }
    const now = this.#now();
    const o: Override = { key, body, setMs: now, untilMs: body.for_s === undefined ? Infinity : now + body.for_s * 1000, state: new Map() };
    const slots = this.#byFamily.get(key) ?? new Map<string, Override>();
    const slot = body.labels ? labelKey(labels) : ALL;
    this.#retire(slots.get(slot));
    slots.set(slot, o);
    this.#byFamily.set(key, slots);
    return this.#view(o);
  }

  list(): OverrideView[] {
    this.#expire();
    return [...this.#byFamily.values()].flatMap((f) => [...f.values()].map((o) => this.#view(o)));
  }

  /** Removes a family's overrides, or only the one for `labels`; returns how many went. */
  remove(family: string, labels?: Record<string, string>): number {
    const key = familyKey(family);
    const f = this.#byFamily.get(key);
    if (!f) return 0;
    const slots = labels && Object.keys(labels).length > 0 ? [labelKey(labels)] : [...f.keys()];
    let n = 0;
    for (const slot of slots) {
      const o = f.get(slot);
      if (!o) continue;
      this.#retire(o);
      f.delete(slot);
      n++;
    }
    if (f.size === 0) this.#byFamily.delete(key);
    return n;
  }

  /** Every override gone; counters keep their lead so they stay monotonic. */
  clear(): void {
    for (const f of this.#byFamily.values()) for (const o of f.values()) this.#retire(o);
    this.#byFamily.clear();
  }

  /** A first start: no overrides and no counter leads (the counters reset, as after a reboot). */
  reset(): void {
    this.#byFamily.clear();
    this.#counterLead.clear();
    this.#endedAt.clear();
  }

  /** The SeriesMapper: with nothing set, the sample passes through untouched (no copy). */
  map(series: FamilySeries): FamilySeries {
    if (this.idle) return series;
    const now = this.#now();
    this.#expire(now);
    const out = { ...series };
    for (const key of Object.keys(FAMILIES) as FamilyKey[]) {
      const f = this.#byFamily.get(key);
      const counter = FAMILIES[key].type === 'counter';
      if (!f && !(counter && (this.#counterLead.size > 0 || this.#endedAt.size > 0))) continue;
      const list: Series[] = out[key].map((s) => ({ labels: s.labels, value: s.value }));
      if (counter) this.#applyLeads(key, list);
      for (const [slot, o] of f ?? []) {
        if (slot !== ALL && !list.some((s) => labelKey(s.labels) === slot)) {
          // A label value the host does not have (a new mount, a new interface): added.
          list.push({ labels: { ...o.body.labels }, value: 0 });
        }
        for (const s of list) {
          const sk = labelKey(s.labels);
          if (slot === ALL || sk === slot) s.value = this.#value(o, sk, s.value, now);
        }
      }
      out[key] = list;
    }
    return out;
  }

  #value(o: Override, seriesKey: string, live: number, now: number): number {
    const b = o.body;
    if (b.value !== undefined) return b.value;
    if (b.ramp) return b.ramp.from + (b.ramp.to - b.ramp.from) * Math.min(1, (now - o.setMs) / 1000 / b.ramp.over_s);
    const st = o.state.get(seriesKey);
    if (b.walk) {
      const w = b.walk;
      const start = st?.value ?? Math.min(w.max, Math.max(w.min, w.start ?? (w.min + w.max) / 2));
      const next = st === undefined ? start : Math.min(w.max, Math.max(w.min, start + (this.#random() * 2 - 1) * w.step));
      o.state.set(seriesKey, { value: next, atMs: now });
      return next;
    }
    // rate_per_s: from the (lead-adjusted) live total at the start, then up by the rate; never below live.
    const total = st === undefined ? live : Math.max(live, st.value + ((b.rate_per_s ?? 0) * (now - st.atMs)) / 1000);
    o.state.set(seriesKey, { value: total, atMs: now });
    return total;
  }

  #applyLeads(key: FamilyKey, list: Series[]): void {
    for (const s of list) {
      const id = `${key}|${labelKey(s.labels)}`;
      const ended = this.#endedAt.get(id);
      if (ended !== undefined) {
        this.#endedAt.delete(id);
        const lead = Math.max(0, ended - (s.value + (this.#counterLead.get(id) ?? 0)));
        this.#counterLead.set(id, (this.#counterLead.get(id) ?? 0) + lead);
      }
      s.value += this.#counterLead.get(id) ?? 0;
    }
  }

  /** A counter override's last totals become leads at the next sample. */
  #retire(o: Override | undefined): void {
    if (!o || FAMILIES[o.key].type !== 'counter') return;
    for (const [sk, st] of o.state) this.#endedAt.set(`${o.key}|${sk}`, st.value);
  }

  #expire(now = this.#now()): void {
    for (const [key, f] of this.#byFamily) {
      for (const [slot, o] of f) {
        if (o.untilMs <= now) {
          this.#retire(o);
          f.delete(slot);
        }
      }
      if (f.size === 0) this.#byFamily.delete(key);
    }
  }

  #view(o: Override): OverrideView {
    return {
      family: FAMILIES[o.key].name,
      ...o.body,
      set_at: new Date(o.setMs).toISOString(),
      until: Number.isFinite(o.untilMs) ? new Date(o.untilMs).toISOString() : undefined,
    };
  }
}
