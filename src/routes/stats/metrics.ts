// GET /stats/metrics: the cached Prometheus exposition of the vendor's ten families. Auth is the
// app-wide hook's business; this route only sends the bytes of the last sample (rendered once per sample).
import type { FastifyPluginAsync } from 'fastify';
import type { Metrics } from '../../metrics/index.ts';
import { EXPOSITION_CONTENT_TYPE } from '../../metrics/names.ts';

export interface MetricsRouteOptions {
  metrics: Pick<Metrics, 'expositionBody'>;
}

export const metricsRoute: FastifyPluginAsync<MetricsRouteOptions> = async (app, { metrics }) => {
  app.get(
    '/stats/metrics',
    {
      // No response schema: the body is text, and a serializer would only slow down the one
      // endpoint that is scraped every few seconds.
      schema: {
        summary: 'DataHub Prometheus metrics',
        description:
          'Host metrics in the Prometheus text format 0.0.4: CPU, memory, network, storage and NATS ' +
          'message counts, sampled from /proc on an interval.',
        tags: ['stats'],
        produces: ['text/plain'],
      },
    },
    // A Buffer goes to the socket as is (a string would be concatenated with the headers and encoded
    // on every request); Fastify sets content-length from its length.
    async (_request, reply) => reply.header('content-type', EXPOSITION_CONTENT_TYPE).send(await metrics.expositionBody()),
  );
};

export default metricsRoute;
