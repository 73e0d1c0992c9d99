// Table tests of the InfluxDB 1.x adapter's result readers: a missing series, malformed shard rows.
import { describe, expect, it } from 'vitest';
import { firstColumn, rows, shardBytesByDatabase } from '../../../../src/tsdb/adapters/influx-v1/results.ts';

describe('result readers', () => {
  it('treat a missing series as empty', () => {
    expect(firstColumn({ statement_id: 0 })).toEqual([]);
    expect(firstColumn(undefined)).toEqual([]);
    expect(rows({ statement_id: 0, series: [{ columns: ['a'] }] })).toEqual([]);
  });

  it('sum diskBytes per database over shards and skip malformed rows', () => {
    const shard = (database: string | undefined, bytes: unknown) => ({
      name: 'shard',
      ...(database ? { tags: { database } } : {}),
      columns: ['diskBytes', 'writeReq'],
      values: [[bytes, 1]],
    });
    const sizes = shardBytesByDatabase({
      series: [shard('a', 10), shard('a', 5), shard('b', 7), shard(undefined, 3), shard('c', 'x')],
    });
    expect(Object.fromEntries(sizes)).toEqual({ a: 15, b: 7 });
    expect(shardBytesByDatabase({}).size).toBe(0);
  });
});
