// Pure reader of InfluxDB 2.x's Prometheus /metrics for bucket sizes (notes §2.4): 2.x has no size API,
// but the storage engine exports `storage_shard_disk_size{bucket="<bucket ID>",...} <bytes>` per shard.

/** Bytes per bucket ID, summed over shards; an empty map when the metric is absent. */
export function shardSizesByBucket(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('storage_shard_disk_size{')) continue;
    const close = line.lastIndexOf('}');
    if (close < 0) continue;
    const bucket = /(?:^|[{,])bucket="((?:[^"\\]|\\.)*)"/.exec(line.slice(0, close + 1))?.[1];
    const value = Number(line.slice(close + 1).trim().split(/\s+/)[0]);
    if (bucket === undefined || !Number.isFinite(value) || value < 0) continue;
    sizes.set(bucket, (sizes.get(bucket) ?? 0) + value);
  }
  return sizes;
}

/** Whether the exposition carries the metric at all (absent on Cloud and with --metrics-disabled). */
export function hasShardSizes(text: string): boolean {
  return /^# TYPE storage_shard_disk_size /m.test(text) || /^storage_shard_disk_size\{/m.test(text);
}
