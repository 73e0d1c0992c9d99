// The InfluxDB 1.x write path, the one entry point the adapter calls: points are encoded chunk by chunk into
// reused buffers (line-encoder.ts, body-buffers.ts), each chunk posted to /write (post.ts, over the keep-alive
// HTTP/1.1 client in http1-pool.ts) while the next is built (pipeline.ts), cut as chunks.ts says.
import type { Point } from '../../../adapter.ts';
import type { InfluxEndpoint } from '../endpoint.ts';
import { BodyBuffers } from './body-buffers.ts';
import { WRITES_IN_FLIGHT, writeChunkEnds } from './chunks.ts';
import { LineEncoder } from './line-encoder.ts';
import { writePipelined } from './pipeline.ts';
import { WriteClient } from './post.ts';

export { WRITES_IN_FLIGHT, writeChunkEnds } from './chunks.ts';
export { WriteClient } from './post.ts';

export class InfluxWrites {
  readonly #client: WriteClient;
  readonly #encoder = new LineEncoder();
  readonly #bodies = new BodyBuffers(WRITES_IN_FLIGHT + 1);

  constructor(endpoint: InfluxEndpoint) {
    this.#client = new WriteClient(endpoint);
  }

  /**
   * Writes `points` into `database`; resolves when every request got its 204. Each chunk's names are checked as
   * it is built, not all before the first request: checking a whole 5,000-point call first kept influxd idle
   * ~2 ms of each ~15 ms call. So a point that cannot be written fails the call with 400 after the requests
   * before its chunk went out, like any other failure mid-call and like InfluxDB's own partial writes; the data
   * plane never sends such names (devicehub/message.ts stops them), so only a direct caller can meet that case.
   */
  async write(database: string, points: Point[]): Promise<void> {
    await writePipelined<Buffer>({
      ends: writeChunkEnds(points.length),
      inFlight: WRITES_IN_FLIGHT,
      build: (start, end) => {
        const bytes = this.#encoder.encode(points, start, end, this.#bodies.take((end - start) * 128));
        if (bytes.length > 0) return bytes;
        this.#bodies.give(bytes);
        return undefined;
      },
      send: (body, flushed) => {
        // Reused only once the OS has all of it: a server may answer (401, 413) before reading a whole body,
        // and bytes still queued in the socket must not be overwritten by the next build.
        let out = false;
        const done = () => {
          out = true;
          flushed();
        };
        return this.#client.post(database, body, done).finally(() => {
          if (out) this.#bodies.give(body);
        });
      },
    });
  }

  close(): void {
    this.#client.close();
  }
}
