// The emulator's own settings as one document (emulator.json in a snapshot) and what a reset clears:
// device states, API faults, the TSDB fault. Checked whole before anything is applied.
import { z } from 'zod';
import type { DataPlane } from '../devicehub/data-plane.ts';
import type { ApiFaults } from './api-faults.ts';
import { checkDevicePatch } from './devices.ts';
import { devicePatchSchema } from './schemas.ts';
import type { EmulatorStatePart } from './snapshots.ts';
import type { TsdbFaults } from './tsdb-faults.ts';

const docSchema = z.strictObject({
  version: z.literal(1),
  devices: z.record(z.string(), devicePatchSchema),
});

export interface StatePartDeps {
  dataPlane: DataPlane;
  apiFaults: ApiFaults;
  tsdbFaults: TsdbFaults;
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
    export: () => ({ version: 1, devices: states.patches() }),
    check: (doc) => {
      for (const [id, patch] of Object.entries(parse(doc).devices)) checkDevicePatch(deps.dataPlane, id, patch, `emulator.json devices.${id}`);
    },
    import: (doc) => {
      const now = Date.now();
      for (const [id, patch] of Object.entries(parse(doc).devices)) states.apply(id, patch, now);
    },
    reset: () => {
      states.clear();
      deps.apiFaults.clear();
      void deps.tsdbFaults.set({ state: 'up' });
      for (const f of deps.onReset ?? []) f();
    },
  };
}
