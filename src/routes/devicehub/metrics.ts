// GET /devicehub/metrics: DeviceHub's own Prometheus endpoint (LitmusEdge 4.0), Basic auth like
// /stats/metrics. Rendered per request: a few lines per device, no sampler involved.
import type { FastifyPluginAsync } from 'fastify';
import type { DataPlane } from '../../devicehub/data-plane.ts';
import { renderDeviceMetrics } from '../../devicehub/device-metrics.ts';
import { deviceRows } from '../../devicehub/device-view.ts';
import { EXPOSITION_CONTENT_TYPE } from '../../metrics/names.ts';

export const deviceHubMetricsRoute: FastifyPluginAsync<{ dataPlane: DataPlane }> = async (app, { dataPlane }) => {
  app.get(
    '/devicehub/metrics',
    {
      schema: {
        summary: 'DeviceHub Prometheus metrics',
        description:
          'Per DeviceHub device: edge_dh_device_online_status, edge_dh_device_tags and edge_dh_failed_tags, ' +
          'labelled id (device ID) and name (device name with spaces replaced by _).',
        tags: ['devicehub'],
        produces: ['text/plain'],
      },
    },
    (_request, reply) =>
      reply.header('content-type', EXPOSITION_CONTENT_TYPE).send(renderDeviceMetrics(deviceRows(dataPlane.devices()))),
  );
};
