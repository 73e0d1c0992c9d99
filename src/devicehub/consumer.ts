// The consumer: every DeviceHub message that reaches us counts in node_nats_in_msgs (enabled or not),
// is parsed, and either goes to the writer or is dropped with a bounded-rate log line.
import type { Point } from '../tsdb/adapter.ts';
import { RateLimitedLog } from '../rate-limited-log.ts';
import type { PlaneLogger } from './plane-logger.ts';
import { parseMessage } from './message.ts';
import { SeenDevices } from './seen-devices.ts';
import { StableSeries } from './stable-series.ts';

export interface Counter {
  inc(n?: number): void;
}

export interface ConsumerStats {
  received: number;
  malformed: number;
  /** Well-formed read failures (`success: false`): nothing to persist. */
  skipped: number;
}

export interface ConsumerOptions {
  counter: Counter;
  sink: { add(point: Point): void };
  logger: PlaneLogger;
}

export class Consumer {
  readonly #o: ConsumerOptions;
  readonly #decoder = new TextDecoder('utf-8', { fatal: false });
  readonly #log: RateLimitedLog;
  readonly #s: ConsumerStats = { received: 0, malformed: 0, skipped: 0 };
  readonly #series = new StableSeries();
  /** Every device heard from, for /devicehub/metrics. */
  readonly seen = new SeenDevices();

  constructor(options: ConsumerOptions) {
    this.#o = options;
    this.#log = new RateLimitedLog(options.logger, 10_000);
  }

  stats(): ConsumerStats {
    return { ...this.#s };
  }

  /** Handles one message; never throws, so one bad message cannot stop a subscription. */
  readonly handle = (subject: string, data: Uint8Array): void => {
    this.#s.received++;
    this.#o.counter.inc();
    const result = parseMessage(subject, this.#decoder.decode(data));
    if (result.kind === 'point') {
      this.seen.record(result.origin, true, Date.now());
      this.#o.sink.add(this.#series.stable(subject, result.point));
      return;
    }
    if (result.kind === 'skip') {
      this.seen.record(result.origin, false, Date.now());
      this.#s.skipped++;
      return;
    }
    this.#s.malformed++;
    // The subject is ours to show; the payload may be anything, so only its size is logged.
    this.#log.failure(
      'malformed',
      { subject: subject.slice(0, 200), bytes: data.byteLength, reason: result.reason },
      'malformed DeviceHub message dropped',
    );
  };
}
