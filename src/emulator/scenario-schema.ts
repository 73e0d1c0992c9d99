// The scenario document: a timeline of steps (metric overrides, API faults, device states, TSDB state,
// clears), each at a second offset, optionally looped. Every step is parsed by the schema of its action,
// so a bad one is reported as `steps.<i>.<action>.<field>`.
import { z, type ZodType } from 'zod';
import { badRequest } from '../errors.ts';
import { apiFaultSchema, type ApiFaultSpec } from './api-faults.ts';
import { overrideBodySchema, type OverrideBody } from './overrides.ts';
import { devicePatchSchema, type DevicePatch } from './schemas.ts';
import { tsdbFaultSchema, type TsdbFaultSpec } from './tsdb-faults.ts';

export const CLEARABLE = ['metrics', 'faults', 'devices', 'tsdb'] as const;
export type Clearable = (typeof CLEARABLE)[number];

const topSchema = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  /** Start again from the first step once `duration_s` is over. */
  loop: z.boolean().default(false),
  /** Length of one run; default: the last step's at_s. */
  duration_s: z.number().positive().max(31_536_000).optional(),
  steps: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000),
});

const at = z.number().finite().min(0).max(31_536_000);

export type ScenarioStep = { at_s: number } & (
  | { kind: 'metric'; family: string; body: OverrideBody }
  | { kind: 'fault'; fault: ApiFaultSpec }
  | { kind: 'device'; ref: { id?: string | undefined; name?: string | undefined }; patch: DevicePatch }
  | { kind: 'tsdb'; tsdb: TsdbFaultSpec }
  | { kind: 'clear'; clear: Clearable[] }
);

export interface Scenario {
  name: string;
  description?: string | undefined;
  loop: boolean;
  duration_s: number;
  steps: ScenarioStep[];
}

const ACTIONS = ['metric', 'fault', 'device', 'tsdb', 'clear'] as const;

function parseWith<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = [where, ...(issue?.path ?? []).map(String)].join('.');
  throw badRequest(`${at}: ${issue?.message ?? 'invalid'}`);
}

const metricSchema = z.intersection(z.looseObject({ family: z.string().min(1).max(255) }), z.record(z.string(), z.unknown()));
const deviceRefSchema = z.looseObject({ id: z.string().min(1).max(255).optional(), name: z.string().min(1).max(255).optional() });

/** The shape of a whole scenario (400 naming `<where>.steps.<i>.<action>.<field>`); meaning is checked by the runner. */
export function parseScenario(raw: unknown, where = 'body'): Scenario {
  const top = parseWith(topSchema, raw, where);
  const steps = top.steps.map((s, i): ScenarioStep => {
    const here = `${where}.steps.${i}`;
    const at_s = parseWith(at, s.at_s, `${here}.at_s`);
    const actions = ACTIONS.filter((a) => a in s);
    const extra = Object.keys(s).filter((k) => k !== 'at_s' && !(ACTIONS as readonly string[]).includes(k));
    if (extra.length) throw badRequest(`${here}.${extra[0]}: not a step field (at_s and one of ${ACTIONS.join(', ')})`);
    if (actions.length !== 1) throw badRequest(`${here}: give exactly one of ${ACTIONS.join(', ')}`);
    const kind = actions[0] as (typeof ACTIONS)[number];
    const v = s[kind];
    switch (kind) {
      case 'metric': {
        const { family, ...body } = parseWith<{ family: string } & Record<string, unknown>>(metricSchema, v, `${here}.metric`);
        return { at_s, kind, family, body: parseWith(overrideBodySchema, body, `${here}.metric`) };
      }
      case 'fault':
        return { at_s, kind, fault: parseWith(apiFaultSchema, v, `${here}.fault`) };
      case 'device': {
        const { id, name, ...patch } = parseWith(deviceRefSchema, v, `${here}.device`);
        if ((id === undefined) === (name === undefined)) throw badRequest(`${here}.device: give the device's id or its name`);
        return { at_s, kind, ref: { id, name }, patch: parseWith(devicePatchSchema, patch, `${here}.device`) };
      }
      case 'tsdb':
        return { at_s, kind, tsdb: parseWith(tsdbFaultSchema, v, `${here}.tsdb`) };
      case 'clear':
        return { at_s, kind, clear: parseWith(z.array(z.enum(CLEARABLE)).min(1), v, `${here}.clear`) };
    }
  });
  const last = Math.max(...steps.map((s) => s.at_s));
  const duration_s = top.duration_s ?? last;
  if (duration_s < last) throw badRequest(`${where}.duration_s: shorter than the last step's at_s (${last})`);
  if (top.loop && duration_s <= 0) throw badRequest(`${where}.duration_s: a looped scenario needs a length above 0`);
  return { name: top.name, description: top.description, loop: top.loop, duration_s, steps };
}
