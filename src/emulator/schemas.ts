// zod schemas of the /__emulator/ API, shared by the routes, the OpenAPI document and the tests.
import { z } from 'zod';
import { tagPatternSchema } from '../devicehub/tag-patterns.ts';

export const EMULATOR_TAG = 'Emulator';

export const deviceIdParamsSchema = z.object({ deviceID: z.string().min(1).max(255) });

export const devicePatchSchema = z.strictObject({
  online: z.boolean().optional(),
  failed_tags: z.array(z.string().min(1).max(255)).max(10_000).optional(),
  values: z.record(z.string().min(1).max(255), tagPatternSchema.nullable()).optional(),
});

export type DevicePatch = z.infer<typeof devicePatchSchema>;

export const deviceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: z.enum(['simulated', 'bus']),
  online: z.boolean(),
  tags: z.array(z.string()),
  failed_tags: z.array(z.string()),
  values: z.record(z.string(), tagPatternSchema),
});
