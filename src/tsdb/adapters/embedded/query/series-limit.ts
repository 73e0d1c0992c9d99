// SLIMIT and SOFFSET as influxd 1.6 applies them (tsdb/engine/tsm1 createVarRefIterator / createCallIterator
// with query.LimitTagSets): per measurement of the FROM clause and per shard, to the GROUP BY groups that
// shard holds series of, in ascending key order (also under ORDER BY time DESC), whether or not those
// groups have points in the time range or pass the field conditions. SOFFSET without SLIMIT keeps nothing.
import { shardIndex, shardStartNs } from '../field-types.ts';
import type { Group, Scan } from './select.ts';

/** influxql's LimitTagSets: slimit 0 with an soffset keeps no group. */
function limitTagSets<T>(groups: T[], slimit: number, soffset: number): T[] {
  return slimit === 0 ? [] : groups.slice(soffset, soffset + slimit);
}

/**
 * One measurement's groups under SLIMIT/SOFFSET. A group chosen in some of the shards it has series in
 * reads only those shards (`shards`), as influxd builds its iterators per shard.
 */
export function limitSeries(groups: Group[], scan: Scan, slimit: number, soffset: number): Group[] {
  if (slimit === 0 && soffset === 0) return groups;
  const chosen = new Map<Group, Set<number>>();
  const held = new Map<Group, Set<number>>();
  const add = (m: Map<Group, Set<number>>, g: Group, k: number) => {
    const set = m.get(g);
    if (set) set.add(k);
    else m.set(g, new Set([k]));
  };
  for (const k of shardsInRange(groups, scan)) {
    // A shard holds a series when the series wrote any point into it, inside the query's range or not.
    const lo = shardStartNs(k, scan.shardNs);
    const hi = shardStartNs(k + 1, scan.shardNs) - 1n;
    const id = groups[0]?.measurement.id ?? 0;
    const here = groups.filter((g) => g.series.some((s) => scan.reader.firstTime(id, lo, hi, s.id) !== undefined));
    for (const g of here) add(held, g, k);
    for (const g of limitTagSets(here, slimit, soffset)) add(chosen, g, k);
  }
  const out: Group[] = [];
  for (const g of groups) {
    const shards = chosen.get(g);
    if (!shards) continue;
    out.push(shards.size === held.get(g)?.size ? g : { ...g, shards });
  }
  return out;
}

/** The shard groups with points of the measurement inside the query's range (only those can give rows). */
function* shardsInRange(groups: Group[], scan: Scan): Generator<number> {
  const id = groups[0]?.measurement.id;
  if (id === undefined) return;
  let t = scan.reader.firstTime(id, scan.range.min, scan.range.max);
  while (t !== undefined) {
    const k = shardIndex(t, scan.shardNs);
    yield k;
    const next = shardStartNs(k + 1, scan.shardNs);
    if (next > scan.range.max) return;
    t = scan.reader.firstTime(id, next, scan.range.max);
  }
}
