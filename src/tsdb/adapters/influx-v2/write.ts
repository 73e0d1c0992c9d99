// writePoints through the client's WriteApi: batches of BATCH_SIZE lines, bounded retries for what may
// heal (network, 429, 5xx) and none for the rest (404 bucket, 400 bad line). Each call gets its own
// WriteApi and waits until every batch is written or has finally failed, so errors reach the caller
// (the data plane buffers and retries whole batches itself).
import { HttpError, Point as LpPoint, type InfluxDB, type WriteApi } from '@influxdata/influxdb-client';
import { badRequest } from '../../../errors.ts';
import type { Point } from '../../adapter.ts';
import { invalidMeasurementReason } from '../embedded/names.ts';

const BATCH_SIZE = 5000;
const MAX_RETRIES = 2;

/** Throws a 400 for a point no backend could store; non-finite numbers are left out, as elsewhere. */
export function toLinePoint(p: Point): LpPoint {
  const reason = invalidMeasurementReason(p.measurement);
  if (reason) throw badRequest(`invalid point: ${reason}`);
  const point = new LpPoint(p.measurement).timestamp(p.timestampMs);
  for (const [k, v] of Object.entries(p.tags)) point.tag(k, v);
  for (const [k, v] of Object.entries(p.fields)) {
    // Numbers always as floats: a field written once as integer and once as float is a type conflict.
    if (typeof v === 'number') {
      if (Number.isFinite(v)) point.floatField(k, v);
    } else if (typeof v === 'boolean') point.booleanField(k, v);
    else point.stringField(k, v);
  }
  return point;
}

const retryable = (err: Error) => !(err instanceof HttpError) || err.statusCode >= 429;

/** Resolves when all lines are written; rejects with the first error no retry will fix. */
export async function writeViaClient(
  influx: InfluxDB,
  orgID: string,
  bucket: string,
  points: Point[],
  timeoutMs: number,
): Promise<void> {
  const lines = points.map((p) => toLinePoint(p).toLineProtocol()).filter((l): l is string => l !== undefined);
  if (lines.length === 0) return;
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const outcome = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let written = 0;
  const api: WriteApi = influx.getWriteApi(orgID, bucket, 'ms', {
    batchSize: BATCH_SIZE,
    flushInterval: 0,
    maxRetries: MAX_RETRIES,
    maxRetryTime: Math.max(3 * timeoutMs, 1000),
    minRetryDelay: 200,
    maxRetryDelay: 2000,
    retryJitter: 100,
    maxBufferLines: Math.max(lines.length, BATCH_SIZE),
    writeSuccess(ok) {
      written += ok.length;
      if (written >= lines.length) settle.resolve();
    },
    writeFailed(err, _lines, attempt, expires) {
      const final = !retryable(err) || attempt > MAX_RETRIES || Date.now() >= expires;
      if (!final) return undefined; // let the client schedule the retry
      settle.reject(err);
      return Promise.resolve();
    },
    writeRetrySkipped() {
      settle.reject(new Error('write retry buffer overflowed; points dropped'));
    },
  });
  try {
    api.writeRecords(lines);
    // Failures are reported through writeFailed; flush's own rejection would duplicate them.
    api.flush().catch(() => undefined);
    await outcome;
  } finally {
    api.dispose();
  }
}
