// GET /health: for container health checks and load balancers, without credentials. 200 when the API,
// the metrics sampler and the active TSDB are usable, 503 naming the part that is not (the API: shutting down).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HealthCheck } from '../health/health-check.ts';
import { healthSchema } from '../schemas/health.ts';

export interface HealthRouteOptions {
  health: HealthCheck;
}

export const healthRoute: FastifyPluginAsync<HealthRouteOptions> = async (fastify, { health }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/health', {
    config: { public: true },
    schema: {
      tags: ['Service'],
      summary: 'Health: whether the API, the metrics sampler and the active TSDB are usable (no credentials)',
      description:
        'Each part is `up` or `down`; the reason a part is down is logged, not returned. `api` is down once ' +
        'shutdown has begun (SIGTERM/SIGINT: in-flight requests drain, new ones should go elsewhere). The TSDB ' +
        "part is the active source's connection test, bounded by UPSTREAM_TIMEOUT_MS.",
      security: [],
      response: { 200: healthSchema, 503: healthSchema },
    },
    handler: async (_request, reply) => {
      const report = await health.check();
      return reply
        .code(report.status === 'pass' ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(report);
    },
  });
};
