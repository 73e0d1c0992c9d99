// /__emulator/metrics: put a host metric family (or one label set) on a constant, ramp, random walk or
// counter rate; list; remove one label set, one family or all. Visible in /stats/metrics at the next sample.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { errorResponses, noContent } from '../schemas/common.ts';
import { overrideBodySchema, type MetricOverrides } from './overrides.ts';
import { EMULATOR_TAG } from './schemas.ts';

const { 400: e400, 401: e401, 403: e403, 404: e404 } = errorResponses;
const familyParams = z.object({ family: z.string().min(1).max(255) });
const viewSchema = z.object({
  family: z.string(),
  labels: z.record(z.string(), z.string()).optional(),
  value: z.number().optional(),
  ramp: z.object({ from: z.number(), to: z.number(), over_s: z.number() }).optional(),
  walk: z.object({ min: z.number(), max: z.number(), step: z.number(), start: z.number().optional() }).optional(),
  rate_per_s: z.number().optional(),
  for_s: z.number().optional(),
  set_at: z.string(),
  until: z.string().optional(),
});

export const metricRoutes: FastifyPluginAsync<{ overrides: MetricOverrides }> = async (fastify, { overrides }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = [EMULATOR_TAG];

  app.put('/__emulator/metrics/:family', {
    schema: {
      tags,
      summary: 'Override a /stats/metrics family (or one label set): value, ramp, walk, or rate_per_s for counters',
      description:
        '`{"value": 97}`, `{"labels": {"name": "/"}, "value": 1024}`, `{"ramp": {"from": 20, "to": 99, "over_s": 120}}`, ' +
        '`{"walk": {"min": 10, "max": 90, "step": 5}}`; counters take `{"rate_per_s": 1000000}` and stay monotonic, ' +
        'also after the override ends. A label value the host lacks is added. `for_s` reverts to the live value. ' +
        'Shows in /stats/metrics at the next sample (SAMPLE_INTERVAL_MS).',
      params: familyParams,
      body: overrideBodySchema,
      response: { 200: viewSchema, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request) => overrides.set(request.params.family, request.body),
  });

  app.get('/__emulator/metrics', {
    schema: { tags, summary: 'The metric overrides in force', response: { 200: viewSchema.array(), 401: e401, 403: e403 } },
    handler: async () => overrides.list(),
  });

  app.delete('/__emulator/metrics/:family', {
    schema: {
      tags,
      summary: 'Back to live values for a family, or only the label set given as query parameters (?name=/)',
      params: familyParams,
      querystring: z.record(z.string(), z.string()),
      response: { 204: noContent, 400: e400, 401: e401, 403: e403, 404: e404 },
    },
    handler: async (request, reply) => {
      const labels = request.query;
      if (overrides.remove(request.params.family, labels) === 0) throw notFound(`no override on ${request.params.family}${Object.keys(labels).length ? ` ${JSON.stringify(labels)}` : ''}`);
      return reply.code(204).send();
    },
  });

  app.delete('/__emulator/metrics', {
    schema: { tags, summary: 'Every family back to live values', response: { 204: noContent, 401: e401, 403: e403 } },
    handler: async (_request, reply) => {
      overrides.clear();
      return reply.code(204).send();
    },
  });
};
