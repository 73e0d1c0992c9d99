// Pure readers of InfluxDB 1.x /query results. A statement with no rows has no `series` key at all
// (notes §1.1), which every reader treats as an empty list.
import type { StatementResult } from './transport.ts';

/** First column of every row of the first series (SHOW DATABASES / MEASUREMENTS / USERS). */
export function firstColumn(r: StatementResult | undefined): string[] {
  return (r?.series?.[0]?.values ?? []).map((row) => String(row[0]));
}

/** Rows of the first series as objects keyed by column name. */
export function rows(r: StatementResult | undefined): Record<string, unknown>[] {
  const s = r?.series?.[0];
  const cols = s?.columns ?? [];
  return (s?.values ?? []).map((row) => Object.fromEntries(cols.map((c, i) => [c, row[i]])));
}

/** `SHOW STATS FOR 'shard'`: bytes on disk per database, summed over its open shards. */
export function shardBytesByDatabase(r: StatementResult | undefined): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const s of r?.series ?? []) {
    const db = s.tags?.database;
    const col = s.columns?.indexOf('diskBytes') ?? -1;
    if (db === undefined || col < 0) continue;
    for (const row of s.values ?? []) {
      const v = row[col];
      if (typeof v === 'number' && Number.isFinite(v)) sizes.set(db, (sizes.get(db) ?? 0) + v);
    }
  }
  return sizes;
}
