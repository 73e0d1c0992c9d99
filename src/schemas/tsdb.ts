// Schemas of /stats/tsdb*: info, state, dbsource, dbvendors, connection test. Wire names verbatim.
import { z } from 'zod';
import { MAX_BYTES } from '../tsdb/names.ts';
import { databaseNameSchema, stringError } from './common.ts';

export const SOURCE_TYPES = ['internal', 'external'] as const;
export const EXTERNAL_VENDORS = ['influx_v1.x', 'influx_v2.x'] as const;

export const tsdbInfoSchema = z
  .object({ source: z.enum(SOURCE_TYPES), is_enabled: z.boolean() })
  .meta({ example: { source: 'internal', is_enabled: true } });

export const stateParamsSchema = z.object({
  state: z.enum(['enable', 'disable'], { message: 'must be enable or disable' }),
});

export const sourceTypeParamsSchema = z.object({
  db_source_type: z.enum(SOURCE_TYPES, { message: 'must be internal or external' }),
});

export const vendorsSchema = z
  .array(z.object({ value: z.string(), label: z.string() }))
  .meta({
    example: [
      { value: 'influx_v1.x', label: 'InfluxDB v1.x' },
      { value: 'influx_v2.x', label: 'InfluxDB v2.x' },
    ],
  });

export const connectionTestSchema = z
  .object({ is_connected: z.boolean(), response: z.string() })
  .meta({ example: { is_connected: true, response: 'InfluxDB v1.7.7' } });

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

// null is accepted as "not given": admin UIs often send every field of the form.
const optionalText = (max: number) =>
  z
    .string(stringError)
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v ?? undefined);

export const dbSourceBodySchema = z
  .object({
    db_vendor: z.enum(EXTERNAL_VENDORS, { message: 'must be influx_v1.x or influx_v2.x' }),
    name: databaseNameSchema.describe('Database name (InfluxDB 1.x) or bucket name (InfluxDB 2.x)'),
    description: optionalText(1024),
    db_uri: z
      .string(stringError)
      .max(2048, 'must be at most 2048 characters')
      .refine(isHttpUrl, 'must be an http:// or https:// URL')
      .nullish()
      .transform((v) => v ?? undefined),
    // The account on that server, not one of our names: only bounded, like them.
    db_username: optionalText(MAX_BYTES.user),
    db_password: optionalText(MAX_BYTES.password),
    db_influx2_auth_token: optionalText(4096),
    db_influx2_org_name: optionalText(MAX_BYTES.user),
  })
  .superRefine((body, ctx) => {
    const need = (field: keyof typeof body, why: string) => {
      if (!body[field]) ctx.addIssue({ code: 'custom', path: [field], message: `required for ${why}` });
    };
    need('db_uri', body.db_vendor);
    if (body.db_vendor === 'influx_v2.x') {
      need('db_influx2_auth_token', 'influx_v2.x');
      need('db_influx2_org_name', 'influx_v2.x');
    }
  })
  .meta({
    example: {
      db_vendor: 'influx_v2.x',
      name: 'DB Name',
      description: 'Short description',
      db_uri: 'http://10.17.8.50:8086',
      db_username: 'InfluxDB 1.x - DB Username',
      db_password: 'InfluxDB 1.x - DB Password',
      db_influx2_auth_token: 'InfluxDB 2.x - Auth Token',
      db_influx2_org_name: 'InfluxDB 2.x - Org Name',
    },
  });

export type DbSourceBody = z.output<typeof dbSourceBodySchema>;
