// How one writePoints call is cut into /write requests, and how many of them are on the wire at once.

/**
 * Where the requests of a call of `count` points end. Calls under 2,000 points go in one request: each
 * request costs influxd a fixed ~1.4 ms whatever its size (its WAL fsync per write; measured as the gap between
 * 1,000- and 5,000-line direct writes), about all that overlapping a call that small could win.
 * Larger calls start with a small request (a fifth of the call, 500–1,000 lines), so influxd is busy after a
 * millisecond instead of waiting for a whole body, then double up to InfluxDB's recommended 5,000 lines while
 * the JS thread builds ahead. For 5,000 points: 1,000 + 2,000 + 2,000, which measured ahead of 2 × 2,500,
 * 1,500 + 3,500 and 1 × 5,000, and level with 4 requests (`npm run bench -- --only=writes`, see the README).
 */
export function writeChunkEnds(count: number): number[] {
  if (count < 2000) return count > 0 ? [count] : [];
  const ends: number[] = [];
  let size = Math.min(1000, Math.max(500, Math.ceil(count / 5)));
  let end = 0;
  while (end < count) {
    const left = count - end;
    // A remainder under half a chunk is not sent alone: it joins this chunk, or halves with it past 5,000.
    const take = left - size >= size / 2 ? size : left <= 5000 ? left : Math.ceil(left / 2);
    end += take;
    ends.push(end);
    size = Math.min(2 * size, 5000);
  }
  return ends;
}

/** Requests of one call on the wire at once: influxd parses one while the next is arriving. */
export const WRITES_IN_FLIGHT = 2;
