// Validation of a write batch before any of it is stored, so a bad point fails the whole batch
// (InfluxDB answers a bad line with 400 too). Pure.
import type { Point } from '../../adapter.ts';
import { invalidMeasurementReason } from './names.ts';

/** Why the batch cannot be written, or undefined when every point is valid; `from`/`to` bound a slice. */
export function invalidPointReason(points: readonly Point[], from = 0, to = points.length): string | undefined {
  for (let i = from; i < Math.min(to, points.length); i++) {
    const p = points[i];
    if (!p || typeof p !== 'object') return `point ${i}: not an object`;
    const m = invalidMeasurementReason(p.measurement);
    if (m) return `point ${i}: ${m}`;
    if (!Number.isFinite(p.timestampMs)) return `point ${i}: timestampMs must be a finite number`;
    if (!p.tags || typeof p.tags !== 'object') return `point ${i}: tags must be an object`;
    for (const [k, v] of Object.entries(p.tags)) {
      if (k === '' || typeof v !== 'string') return `point ${i}: tag keys must be non-empty, values strings`;
    }
    if (!p.fields || typeof p.fields !== 'object') return `point ${i}: fields must be an object`;
    let count = 0;
    for (const [k, v] of Object.entries(p.fields)) {
      count++;
      if (k === '') return `point ${i}: field keys must be non-empty`;
      if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'boolean' && typeof v !== 'string') {
        return `point ${i}: field "${k}" must be a finite number, a boolean or a string`;
      }
    }
    if (count === 0) return `point ${i}: at least one field is required`;
  }
  return undefined;
}
