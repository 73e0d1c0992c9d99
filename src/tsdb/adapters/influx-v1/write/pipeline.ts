// Overlaps building request bodies with sending them: body i+1 is serialized while request i (and at most
// inFlight - 1 others) is on the wire, so the JS thread and influxd work at the same time instead of taking
// turns. Pure control flow over two callbacks; index.ts supplies the encoder and the /write call.

export interface PipelineOptions<B> {
  /** Where each chunk ends, ascending: chunk c covers [ends[c - 1] ?? 0, ends[c]). */
  ends: readonly number[];
  /** Requests allowed on the wire at once (1 = strictly one after another, still overlapped with building). */
  inFlight: number;
  /** Builds chunk [start, end); undefined means nothing to send (every point in it was skipped). */
  build(start: number, end: number): B | undefined;
  /**
   * Sends one body and resolves when it is written. `flushed` is called once the whole body has been handed
   * to the OS (it may also never be, on failure: the settled promise stands in for it).
   */
  send(body: B, flushed: () => void): Promise<void>;
}

/**
 * Resolves when every chunk is written. The first failure stops it: no further request is started, the
 * requests already on the wire are awaited (none outlives the call), then the call rejects with that first
 * error. Chunks written before the failure stay written; a retry of the whole call rewrites them, which
 * InfluxDB treats as an overwrite of the same points (same series, same timestamp), not as duplicates.
 */
export async function writePipelined<B>(o: PipelineOptions<B>): Promise<void> {
  const pending = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  for (let c = 0; c < o.ends.length && !failure; c++) {
    const start = o.ends[c - 1] ?? 0;
    let body: B | undefined;
    try {
      body = o.build(start, o.ends[c] as number);
    } catch (err) {
      failure = { err };
      break;
    }
    if (body === undefined) continue;
    while (pending.size >= o.inFlight && !failure) await Promise.race(pending);
    if (failure) break;
    let flushed!: () => void;
    const out = new Promise<void>((resolve) => (flushed = resolve));
    const p: Promise<void> = o.send(body, flushed).then(
      () => {
        pending.delete(p);
        flushed();
      },
      (err: unknown) => {
        failure ??= { err };
        pending.delete(p);
        flushed();
      },
    );
    pending.add(p);
    // Build the next body only once this one has left the process. A body larger than the socket's send
    // buffer goes out in pieces, each written by the event loop; building synchronously meanwhile would hold
    // the rest back, and influxd, which reads a whole body before parsing it, would wait for us instead of
    // working alongside us.
    if (c + 1 < o.ends.length) await out;
  }
  await Promise.all(pending);
  if (failure) throw failure.err;
}
