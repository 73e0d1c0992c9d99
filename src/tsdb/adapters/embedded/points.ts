// Validation of a write batch before any of it is stored, so a malformed point fails the whole batch
// (InfluxDB answers a bad line with 400 too), and the InfluxDB 1.x adapter's rules for values line
// protocol cannot carry: non-finite numbers are left out, a point left without fields is skipped,
// an empty tag value means no tag. Pure.
import type { Point } from '../../adapter.ts';
import { invalidMeasurementReason, unwritableNameReason } from '../../names.ts';
import { invalidValueReason, type LinePoint } from './field-types.ts';

/** `check`, remembering what passed: the points of one batch repeat a few hundred names thousands of times. */
function remembering(check: (s: string) => string | undefined): (s: string) => string | undefined {
  const passed = new Set<string>();
  return (s) => {
    if (passed.has(s)) return undefined;
    const reason = check(s);
    if (reason === undefined) passed.add(s);
    return reason;
  };
}

/** Why the batch cannot be written, or undefined when every point is valid; `from`/`to` bound a slice. */
export function invalidPointReason(points: readonly Point[], from = 0, to = points.length): string | undefined {
  const measurementReason = remembering(invalidMeasurementReason);
  const nameReason = remembering(unwritableNameReason);
  for (let i = from; i < Math.min(to, points.length); i++) {
    const p = points[i];
    if (!p || typeof p !== 'object') return `point ${i}: not an object`;
    const m = measurementReason(p.measurement);
    if (m) return `point ${i}: ${m}`;
    if (!Number.isFinite(p.timestampMs)) return `point ${i}: timestampMs must be a finite number`;
    if (!p.tags || typeof p.tags !== 'object') return `point ${i}: tags must be an object`;
    for (const [k, v] of Object.entries(p.tags)) {
      if (k === '' || typeof v !== 'string') return `point ${i}: tag keys must be non-empty, values strings`;
      // What InfluxDB line protocol cannot carry is refused here too, so every source takes the same points.
      const unwritable = nameReason(k) ?? (v === '' ? undefined : nameReason(v));
      if (unwritable) return `point ${i}: tag ${JSON.stringify(k)}: line protocol cannot carry it (${unwritable})`;
    }
    if (!p.fields || typeof p.fields !== 'object') return `point ${i}: fields must be an object`;
    for (const [k, v] of Object.entries(p.fields)) {
      if (k === '') return `point ${i}: field keys must be non-empty`;
      const unwritable = nameReason(k);
      if (unwritable) return `point ${i}: field ${JSON.stringify(k)}: line protocol cannot carry it (${unwritable})`;
      if (typeof v !== 'number' && typeof v !== 'boolean' && typeof v !== 'string') {
        return `point ${i}: field "${k}" must be a number, a boolean or a string`;
      }
    }
  }
  return undefined;
}

// influxd's accepted time range (models.MinNanoTime / MaxNanoTime).
const MIN_NS = -9223372036854775806n;
const MAX_NS = 9223372036854775806n;

/**
 * Same as invalidPointReason for the line-protocol path (nanosecond bigint times, typed integers). Its names
 * came through line protocol, so only the measurement rule of tsdb/names.ts is asked again.
 */
export function invalidLinePointReason(points: readonly LinePoint[], from = 0, to = points.length): string | undefined {
  const measurementReason = remembering(invalidMeasurementReason);
  // The parser shares one tags object among the points of a series: each is checked once.
  const validTags = new Set<object>();
  for (let i = from; i < Math.min(to, points.length); i++) {
    const p = points[i];
    if (!p || typeof p !== 'object') return `point ${i}: not an object`;
    const m = measurementReason(p.measurement);
    if (m) return `point ${i}: ${m}`;
    if (typeof p.timeNs !== 'bigint' || p.timeNs < MIN_NS || p.timeNs > MAX_NS) return `point ${i}: timeNs out of range`;
    if (!p.tags || typeof p.tags !== 'object') return `point ${i}: tags must be an object`;
    if (!validTags.has(p.tags)) {
      for (const [k, v] of Object.entries(p.tags)) {
        if (k === '' || typeof v !== 'string') return `point ${i}: tag keys must be non-empty, values strings`;
      }
      validTags.add(p.tags);
    }
    if (!p.fields || typeof p.fields !== 'object') return `point ${i}: fields must be an object`;
    for (const k in p.fields) {
      const reason = invalidValueReason(k, p.fields[k]);
      if (reason) return `point ${i}: ${reason}`;
    }
  }
  return undefined;
}
