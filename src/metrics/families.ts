// The vendor's families as prom-client metrics in one Registry, each a Gauge or a Counter as the family table
// (names.ts) says, and the one place that writes series into them, through prom-client's public API only
// (its internals change between releases).
import { Counter, Gauge, type Registry } from 'prom-client';
import { FAMILIES, type FamilyKey, type FamilySpec } from './names.ts';
import type { FamilySeries } from './series.ts';

type Family = { kind: 'gauge'; metric: Gauge } | { kind: 'counter'; metric: Counter };
export type Families = Record<FamilyKey, Family>;

function build(spec: FamilySpec, registry: Registry): Family {
  const config = { name: spec.name, help: spec.help, labelNames: [...spec.labelNames], registers: [registry] };
  return spec.type === 'counter' ? { kind: 'counter', metric: new Counter(config) } : { kind: 'gauge', metric: new Gauge(config) };
}

/** Registration order is output order: the table's, which is the vendor's (alphabetical). */
export function createFamilies(registry: Registry): Families {
  const entries = (Object.keys(FAMILIES) as FamilyKey[]).map((key) => [key, build(FAMILIES[key], registry)] as const);
  return Object.fromEntries(entries) as Families;
}

/**
 * Makes each family hold exactly `series`. reset() empties it, so a series that vanished since the last sample
 * (an interface or a mount gone) leaves the output; but reset() puts an unlabelled family back at 0, a value
 * nobody read, so remove() with no labels takes that out before the current value, if any, is written.
 */
export function writeSeries(families: Families, series: FamilySeries): void {
  for (const key of Object.keys(families) as FamilyKey[]) {
    const family = families[key];
    family.metric.reset();
    if (FAMILIES[key].labelNames.length === 0) family.metric.remove();
    for (const { labels, value } of series[key]) {
      // A counter has no set(): from empty, inc() by the cumulative value is the same thing.
      if (family.kind === 'counter') family.metric.inc(labels, value);
      else family.metric.set(labels, value);
    }
  }
}
