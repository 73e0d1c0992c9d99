// influxd 1.6 hands a top()/bottom() without tag arguments its statement's LIMIT and OFFSET down to the
// storage iterator (query/select.go builds it from the unmodified options), whose limit check lets
// LIMIT + OFFSET + 1 points through (tsdb/engine/tsm1 floatLimitIterator tests before it counts), per
// shard and GROUP BY group. Only those points compete, so top(value, 3) ... LIMIT 4 answers from the
// first five points of each shard. A raw SELECT with OFFSET and no LIMIT meets the same check: OFFSET+1
// points pass, so one row is left. Copied here because clients see those answers.
import { shardIndex } from '../field-types.ts';

export function firstPerShard<T extends { time: bigint }>(rows: Iterable<T>, keep: number, shardNs: bigint, descending: boolean): T[] {
  const byShard = new Map<number, T[]>();
  for (const r of rows) {
    const s = shardIndex(r.time, shardNs);
    let list = byShard.get(s);
    if (!list) byShard.set(s, (list = []));
    list.push(r);
  }
  const out: T[] = [];
  // A descending query reads each shard from its end.
  for (const list of byShard.values()) out.push(...(descending ? list.slice(-keep) : list.slice(0, keep)));
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
