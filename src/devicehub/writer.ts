// The batching writer: points wait in a bounded ring and go to the active target in batches, the target
// read afresh per batch so a source or state switch applies to the next batch. While disabled nothing is
// written; while the TSDB is down the ring keeps the newest points and writing resumes with backoff. The writer
// is the one place that retries writes, and it goes by the error's `retryable` (src/tsdb/adapter.ts).
import { AppError } from '../errors.ts';
import type { ActiveTargetProvider } from '../tsdb/active-target.ts';
import type { Point } from '../tsdb/adapter.ts';
import { RateLimitedLog } from '../rate-limited-log.ts';
import type { PlaneLogger } from './plane-logger.ts';
import { Ring } from './ring.ts';

export interface WriterOptions {
  targets: ActiveTargetProvider;
  logger: PlaneLogger;
  batchSize: number;
  flushMs: number;
  /** Ring capacity. At most one more batch (batchSize points) is held in flight on top of it. */
  bufferPoints: number;
  /** Retry backoff bounds while the TSDB is failing. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * The writer's books. Every point added is, at any instant, in exactly one of: written, one of the dropped or
 * discarded counters, buffered (in the ring) or inFlight (in the write attempt under way); so the writer is
 * idle only when both buffered and inFlight are 0.
 */
export interface WriterStats {
  /**
   * Points whose write the TSDB acknowledged, each counted once. Delivery is at-least-once: an attempt that
   * failed without an answer (our timeout, a reset) may still have been applied, and its points are kept and
   * sent again (InfluxDB overwrites the same series and timestamp, so nothing is stored twice). Such points
   * can therefore be stored before they count here, or be stored although later counted in droppedOverflow.
   */
  written: number;
  /** Oldest points dropped because the ring was full (TSDB down or too slow). */
  droppedOverflow: number;
  /** Batches' points dropped because the database does not exist (404). */
  droppedMissingDatabase: number;
  /** Points of batches that failed for good (not retryable: invalid points, a conflict), dropped rather than
   *  retried forever. */
  droppedRejected: number;
  /** Points that arrived while persistence was disabled: never written, now or later. */
  discardedDisabled: number;
  failedAttempts: number;
  buffered: number;
  /** Points taken out of the ring for the write attempt under way: no longer buffered, not yet counted. */
  inFlight: number;
}

type Outcome = 'written' | 'drop-missing' | 'drop-rejected' | 'retry';

function classify(err: unknown): Exclude<Outcome, 'written'> {
  // The error says whether trying again may help (src/tsdb/adapter.ts, on retries); one that is not an
  // AppError was mapped by nobody (a raw storage failure, a bug), so its points are kept, like a 503's.
  if (!(err instanceof AppError) || err.retryable) return 'retry';
  // The document: components "fail to write until tsdata is recreated". Retrying a batch for a missing
  // database would only hold the ring hostage, so the batch goes and later ones try again.
  return err.statusCode === 404 ? 'drop-missing' : 'drop-rejected';
}

export class BatchWriter {
  readonly #o: Required<WriterOptions>;
  readonly #ring: Ring<Point>;
  readonly #log: RateLimitedLog;
  readonly #s: Omit<WriterStats, 'buffered' | 'inFlight'> = {
    written: 0,
    droppedOverflow: 0,
    droppedMissingDatabase: 0,
    droppedRejected: 0,
    discardedDisabled: 0,
    failedAttempts: 0,
  };
  #timer: NodeJS.Timeout | undefined;
  #inFlight = 0;
  #pumping: Promise<void> | undefined;
  #backoffMs = 0;
  #retryAt = 0;
  #stopped = false;

  constructor(options: WriterOptions) {
    this.#o = { minBackoffMs: 200, maxBackoffMs: 5000, ...options };
    this.#log = new RateLimitedLog(this.#o.logger, 10_000);
    this.#ring = new Ring<Point>(options.bufferPoints);
  }

  start(): void {
    this.#stopped = false;
    this.#timer ??= setInterval(() => this.#kick(), this.#o.flushMs);
  }

  add(point: Point): void {
    if (this.#ring.push(point) === 1) this.#dropped(1);
    if (this.#ring.length >= this.#o.batchSize) this.#kick();
  }

  stats(): WriterStats {
    return { ...this.#s, buffered: this.#ring.length, inFlight: this.#inFlight };
  }

  /** Stops the timer, waits for the write in flight, then makes one last attempt (no retries). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#pumping;
    await this.#pump(true);
    if (this.#ring.length > 0) {
      this.#o.logger.warn({ points: this.#ring.length }, 'buffered points not written at shutdown');
    }
  }

  #kick(): void {
    if (this.#pumping || this.#stopped || Date.now() < this.#retryAt) return;
    this.#pumping = this.#pump(false).finally(() => {
      this.#pumping = undefined;
    });
  }

  #dropped(n: number): void {
    this.#s.droppedOverflow += n;
    this.#log.failure(
      'overflow',
      { droppedTotal: this.#s.droppedOverflow, bufferPoints: this.#o.bufferPoints },
      'write buffer full: dropping the oldest points',
    );
  }

  async #pump(final: boolean): Promise<void> {
    while (this.#ring.length > 0) {
      let target;
      try {
        target = this.#o.targets.unguardedTarget();
      } catch (err) {
        this.#failed(err, undefined, final);
        return;
      }
      if (!target.enabled) {
        // Discarded, not kept for later: the document says DeviceHub "does not write" while disabled, and
        // a measurement deleted meanwhile must not come back with points from that time on enable.
        this.#s.discardedDisabled += this.#ring.clear();
        return;
      }
      const batch = this.#ring.shift(this.#o.batchSize);
      let outcome: Outcome;
      this.#inFlight = batch.length;
      try {
        await target.adapter.writePoints(target.database, batch);
        this.#inFlight = 0;
        outcome = 'written';
      } catch (err) {
        // Settled either way: from here the batch is counted, dropped or back in the ring.
        this.#inFlight = 0;
        outcome = classify(err);
        if (outcome === 'retry') {
          this.#failed(err, batch, final);
          return;
        }
        const key = outcome === 'drop-missing' ? 'missing' : 'rejected';
        if (outcome === 'drop-missing') this.#s.droppedMissingDatabase += batch.length;
        else this.#s.droppedRejected += batch.length;
        this.#log.failure(
          key,
          { err, database: target.database, points: batch.length },
          outcome === 'drop-missing'
            ? 'database missing: batch dropped until it is created again'
            : 'backend rejected the batch: dropped',
        );
      }
      if (outcome === 'written') {
        this.#s.written += batch.length;
        if (this.#backoffMs > 0) this.#o.logger.info({ database: target.database }, 'TSDB writes resumed');
        this.#backoffMs = 0;
        this.#retryAt = 0;
      }
      // A partial batch waits for the flush timer; a full one goes at once.
      if (!final && this.#ring.length < this.#o.batchSize) return;
    }
  }

  #failed(err: unknown, batch: Point[] | undefined, final: boolean): void {
    this.#s.failedAttempts++;
    if (batch) {
      const lost = this.#ring.unshift(batch);
      if (lost > 0) this.#dropped(lost);
    }
    if (final) return;
    this.#backoffMs = Math.min(this.#o.maxBackoffMs, Math.max(this.#o.minBackoffMs, this.#backoffMs * 2));
    this.#retryAt = Date.now() + this.#backoffMs;
    this.#log.failure(
      'retry',
      { err, buffered: this.#ring.length, retryInMs: this.#backoffMs },
      'TSDB write failed: points kept in the buffer, retrying',
    );
  }
}
