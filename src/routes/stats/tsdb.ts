// /stats/tsdb*: source info, persistence on/off, set active source, vendor list, connection test.
// None of these but the test talks to a backend: they read or change the SourceManager.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../schemas/common.ts';
import {
  connectionTestSchema,
  dbSourceBodySchema,
  sourceTypeParamsSchema,
  stateParamsSchema,
  tsdbInfoSchema,
  vendorsSchema,
} from '../../schemas/tsdb.ts';
import { vendorOptions } from '../../tsdb/registry.ts';
import type { SourceManager } from '../../tsdb/source-manager.ts';

export interface TsdbRoutesOptions {
  sources: SourceManager;
}

const { 400: e400, 401: e401, 403: e403 } = errorResponses;

export const tsdbRoutes: FastifyPluginAsync<TsdbRoutesOptions> = async (fastify, { sources }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Timeseries DB'];

  app.get('/stats/tsdb', {
    schema: {
      tags,
      summary: 'Timeseries DB Info: the active source and whether persistence is on',
      response: { 200: tsdbInfoSchema, 401: e401, 403: e403 },
    },
    handler: async () => sources.info(),
  });

  app.put('/stats/tsdb/state/:state', {
    schema: {
      tags,
      summary: 'Set Timeseries DB State: enable or disable persistence to the active source',
      params: stateParamsSchema,
      response: { 204: noContent, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request, reply) => {
      await sources.setEnabled(request.params.state === 'enable');
      return reply.code(204).send();
    },
  });

  app.put('/stats/tsdb/dbsource/:db_source_type', {
    schema: {
      tags,
      summary: 'Set active DB source: store its settings and make it active at once',
      description:
        'For `internal`, `db_vendor` must be `influx_v1.x`. A `db_uri` naming the emulator\'s own InfluxDB API ' +
        '(a loopback or own-host address on INFLUX_PORT, e.g. `http://127.0.0.1:8086`) is the embedded engine; ' +
        'any other address is that InfluxDB 1.x server, with optional `db_username`/`db_password` (a body ' +
        'without credentials for the same address keeps the stored ones). The switch applies to the next ' +
        'request and data-plane batch and survives restarts; an address that cannot be reached makes `.../test` ' +
        'report it and the other endpoints answer 503 naming the source until it is corrected. For ' +
        '`external`, influx_v1.x needs `db_uri` and `name`; influx_v2.x also `db_influx2_auth_token` ' +
        'and `db_influx2_org_name`. Secrets are stored encrypted and never returned.',
      params: sourceTypeParamsSchema,
      body: dbSourceBodySchema,
      response: { 204: noContent, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request, reply) => {
      await sources.setSource(request.params.db_source_type, request.body);
      return reply.code(204).send();
    },
  });

  app.get('/stats/tsdb/dbvendors', {
    schema: {
      tags,
      summary: 'Get DB Vendors: valid db_vendor values',
      response: { 200: vendorsSchema, 401: e401, 403: e403 },
    },
    handler: async () => vendorOptions(),
  });

  app.get('/stats/tsdb/dbsource/:db_source_type/test', {
    schema: {
      tags,
      summary: 'Test DB Connection: always 200; is_connected false carries the error text',
      params: sourceTypeParamsSchema,
      // Never 502/503: an unreachable source is reported in the body (the document's contract).
      response: { 200: connectionTestSchema, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request) => sources.testConnection(request.params.db_source_type),
  });
};
