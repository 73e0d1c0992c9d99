// Overlaps building request bodies with sending them: body i+1 is serialized while request i (and at most
// inFlight - 1 others) is on the wire, so the JS thread and influxd work at the same time instead of taking
// turns. Pure control flow over two callbacks; the adapter supplies the encoder and the /write call.

export interface PipelineOptions {
  /** Items in the call; chunk c covers [c * chunk, min((c + 1) * chunk, count)). */
  count: number;
  chunk: number;
  /** Requests allowed on the wire at once (1 = strictly one after another, still overlapped with building). */
  inFlight: number;
  /** Builds chunk [start, end); '' means nothing to send (every point in it was skipped). */
  build(start: number, end: number): string;
  send(body: string): Promise<void>;
}

/**
 * Resolves when every chunk is written. The first failure stops it: no further request is started, the
 * requests already on the wire are awaited (none outlives the call), then the call rejects with that first
 * error. Chunks written before the failure stay written; a retry of the whole call rewrites them, which
 * InfluxDB treats as an overwrite of the same points (same series, same timestamp), not as duplicates.
 */
export async function writePipelined(o: PipelineOptions): Promise<void> {
  const pending = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  for (let start = 0; start < o.count && !failure; start += o.chunk) {
    let body: string;
    try {
      body = o.build(start, Math.min(start + o.chunk, o.count));
    } catch (err) {
      failure = { err };
      break;
    }
    if (body === '') continue;
    while (pending.size >= o.inFlight && !failure) await Promise.race(pending);
    if (failure) break;
    const p: Promise<void> = o.send(body).then(
      () => void pending.delete(p),
      (err: unknown) => {
        failure ??= { err };
        pending.delete(p);
      },
    );
    pending.add(p);
    // Node hands a request its pooled socket on a later tick; yield one macrotask so this body actually goes
    // out before the next one is built (a microtask yield would not let those ticks run).
    if (start + o.chunk < o.count) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  if (failure) throw failure.err;
}
