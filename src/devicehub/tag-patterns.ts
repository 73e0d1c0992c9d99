// Value patterns a test author can put on a simulated tag (PUT /__emulator/devices/{id}): a constant, a
// ramp, a sine or a cycle of steps, as pure functions of the time since the pattern was set.
import { z } from 'zod';
import type { FieldValue } from '../tsdb/adapter.ts';

const finite = z.number().finite();
const positive = finite.positive();

export const tagPatternSchema = z.union([
  z.strictObject({ constant: z.union([finite, z.boolean(), z.string().max(1024)]) }),
  z.strictObject({ ramp: z.strictObject({ from: finite, to: finite, over_s: positive }) }),
  z.strictObject({ sine: z.strictObject({ min: finite, max: finite, period_s: positive }) }),
  z.strictObject({ steps: z.strictObject({ values: z.array(finite).min(1).max(1000), every_s: positive }) }),
]);

export type TagPattern = z.infer<typeof tagPatternSchema>;

/** The pattern's value `elapsedMs` after it was set; a ramp holds its end value once over. */
export function patternValue(p: TagPattern, elapsedMs: number): FieldValue {
  const s = Math.max(0, elapsedMs) / 1000;
  if ('constant' in p) return p.constant;
  if ('ramp' in p) {
    const f = Math.min(1, s / p.ramp.over_s);
    return p.ramp.from + (p.ramp.to - p.ramp.from) * f;
  }
  if ('sine' in p) {
    const mid = (p.sine.min + p.sine.max) / 2;
    return mid + ((p.sine.max - p.sine.min) / 2) * Math.sin((2 * Math.PI * s) / p.sine.period_s);
  }
  const i = Math.floor(s / p.steps.every_s) % p.steps.values.length;
  return p.steps.values[i] as number;
}
