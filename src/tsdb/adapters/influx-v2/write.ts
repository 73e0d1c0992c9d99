// writePoints through the client's WriteApi: batches of BATCH_SIZE lines, each sent once. The client's own
// retries are off (src/tsdb/adapter.ts, on retries): the data plane buffers and retries whole batches by the
// error's `retryable`, and a second back-off in here would stack on its own. Each call gets its own WriteApi
// and waits until every batch is written or has failed, so errors reach the caller.
import { Point as LpPoint, type InfluxDB, type WriteApi } from '@influxdata/influxdb-client';
import { badRequest } from '../../../errors.ts';
import type { Point } from '../../adapter.ts';
import { invalidMeasurementReason, unwritableNameReason } from '../../names.ts';

const BATCH_SIZE = 5000;

/** Throws a 400 for a point no backend could store; non-finite numbers are left out, as elsewhere. */
export function toLinePoint(p: Point): LpPoint {
  const reason = invalidMeasurementReason(p.measurement);
  if (reason) throw badRequest(`invalid point: ${reason}`);
  const point = new LpPoint(p.measurement).timestamp(p.timestampMs);
  for (const [k, v] of Object.entries(p.tags)) {
    // What 1.x line protocol cannot carry is refused here too, so every source takes the same points.
    const unwritable = unwritableNameReason(k) ?? (v === '' ? undefined : unwritableNameReason(v));
    if (unwritable) throw badRequest(`invalid point: tag ${JSON.stringify(k)}: line protocol cannot carry it (${unwritable})`);
    point.tag(k, v);
  }
  for (const [k, v] of Object.entries(p.fields)) {
    const unwritable = unwritableNameReason(k);
    if (unwritable) throw badRequest(`invalid point: field ${JSON.stringify(k)}: line protocol cannot carry it (${unwritable})`);
    // Numbers always as floats: a field written once as integer and once as float is a type conflict.
    if (typeof v === 'number') {
      if (Number.isFinite(v)) point.floatField(k, v);
    } else if (typeof v === 'boolean') point.booleanField(k, v);
    else point.stringField(k, v);
  }
  return point;
}

/** Resolves when all lines are written; rejects with the first failure. */
export async function writeViaClient(
  influx: InfluxDB,
  orgID: string,
  bucket: string,
  points: Point[],
): Promise<void> {
  const lines = points.map((p) => toLinePoint(p).toLineProtocol()).filter((l): l is string => l !== undefined);
  if (lines.length === 0) return;
  let settle!: { resolve: () => void; reject: (e: Error) => void };
  const outcome = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let written = 0;
  const api: WriteApi = influx.getWriteApi(orgID, bucket, 'ms', {
    batchSize: BATCH_SIZE,
    flushInterval: 0,
    maxRetries: 0,
    retryJitter: 0,
    writeSuccess(ok) {
      written += ok.length;
      if (written >= lines.length) settle.resolve();
    },
    writeFailed(err) {
      settle.reject(err);
      // A promise tells the client the failure is handled: no retry scheduled, nothing logged to the console.
      return Promise.resolve();
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
