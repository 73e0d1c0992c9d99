// Schema of GET /health: the same body for 200 (all parts usable) and 503 (at least one down).
import { z } from 'zod';

const part = z.enum(['up', 'down']);

export const healthSchema = z
  .object({
    status: z.enum(['pass', 'fail']),
    checks: z.object({ api: part, sampler: part, tsdb: part }),
  })
  .meta({ example: { status: 'fail', checks: { api: 'up', sampler: 'up', tsdb: 'down' } } });
