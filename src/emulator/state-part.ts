// The emulator's own settings as one document (emulator.json in a snapshot) and what a reset clears:
// device states, API faults, the TSDB fault. Checked whole before anything is applied.
import { z } from 'zod';
import type { DataPlane } from '../devicehub/data-plane.ts';
import type { ApiFaults } from './api-faults.ts';
import { checkDevicePatch } from './devices.ts';
import { MetricOverrides, overrideBodySchema, type OverrideBody } from './overrides.ts';
import { devicePatchSchema } from './schemas.ts';
import type { EmulatorStatePart } from './snapshots.ts';
import type { TsdbFaults } from './tsdb-faults.ts';

const docSchema = z.strictObject({
  version: z.literal(1),
  devices: z.record(z.string(), devicePatchSchema),
  /** Metric overrides as GET /__emulator/metrics lists them; restored from the moment of the restore. */
  metrics: z.array(z.looseObject({ family: z.string() })).default([]),
});

/** A listed override back to the body PUT /__emulator/metrics/{family} takes. */
function overrideBody(view: Record<string, unknown>): OverrideBody {
  const { family: _f, set_at: _s, until: _u, ...body } = view;
  return overrideBodySchema.parse(body);
}

export interface StatePartDeps {
  dataPlane: DataPlane;
  apiFaults: ApiFaults;
  tsdbFaults: TsdbFaults;
  overrides: MetricOverrides;
  /** Extra parts (metric overrides, scenarios) that a reset also clears. */
  onReset?: Array<() => void>;
}

export function emulatorStatePart(deps: StatePartDeps): EmulatorStatePart {
  const states = deps.dataPlane.simulator.states;
  const parse = (doc: unknown) => {
    const parsed = docSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  };
  return {
    export: () => ({ version: 1, devices: states.patches(), metrics: deps.overrides.list() }),
    check: (doc) => {
      const d = parse(doc);
      for (const [id, patch] of Object.entries(d.devices)) checkDevicePatch(deps.dataPlane, id, patch, `emulator.json devices.${id}`);
      const scratch = new MetricOverrides();
      d.metrics.forEach((m, i) => {
        try {
          scratch.set(m.family, overrideBody(m));
        } catch (err) {
          throw new Error(`metrics.${i}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
      });
    },
    import: (doc) => {
      const now = Date.now();
      const d = parse(doc);
      for (const [id, patch] of Object.entries(d.devices)) states.apply(id, patch, now);
      for (const m of d.metrics) deps.overrides.set(m.family, overrideBody(m));
    },
    reset: () => {
      states.clear();
      deps.apiFaults.clear();
      void deps.tsdbFaults.set({ state: 'up' });
      for (const f of deps.onReset ?? []) f();
    },
  };
}
