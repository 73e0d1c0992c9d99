// /stats/db*: databases of the active source (list with size and measurements, create, drop) and
// dropping one measurement. Errors come from the adapter as AppError; nothing is caught here.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../schemas/common.ts';
import {
  createDatabaseBodySchema,
  databaseListSchema,
  databaseParamsSchema,
  measurementParamsSchema,
} from '../../schemas/db.ts';
import type { SourceManager } from '../../tsdb/source-manager.ts';

export interface DbRoutesOptions {
  sources: SourceManager;
}

export const dbRoutes: FastifyPluginAsync<DbRoutesOptions> = async (fastify, { sources }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Databases'];
  const { 400: e400, 401: e401, 403: e403, 404: e404, 409: e409, 502: e502, 503: e503 } = errorResponses;
  const upstream = { 401: e401, 403: e403, 502: e502, 503: e503 };

  app.get('/stats/db', {
    schema: {
      tags,
      summary: 'List DBs with on-disk size (bytes) and measurement names',
      response: { 200: databaseListSchema, ...upstream },
    },
    handler: async () => sources.active().listDatabases(),
  });

  app.post('/stats/db', {
    schema: {
      tags,
      summary: 'Create Database on the active source',
      body: createDatabaseBodySchema,
      response: { 204: noContent, 400: e400, 409: e409, ...upstream },
    },
    handler: async (request, reply) => {
      await sources.active().createDatabase(request.body.dbName);
      return reply.code(204).send();
    },
  });

  app.delete('/stats/db/:db_name', {
    schema: {
      tags,
      summary: 'Delete Database (and every grant on it)',
      params: databaseParamsSchema,
      response: { 204: noContent, 400: e400, 404: e404, ...upstream },
    },
    handler: async (request, reply) => {
      await sources.active().dropDatabase(request.params.db_name);
      return reply.code(204).send();
    },
  });

  app.delete('/stats/db/:db_name/measurements/:db_measurement', {
    schema: {
      tags,
      summary: 'Delete Measurement; URL-encode names with special characters',
      params: measurementParamsSchema,
      response: { 204: noContent, 400: e400, 404: e404, ...upstream },
    },
    handler: async (request, reply) => {
      await sources.active().dropMeasurement(request.params.db_name, request.params.db_measurement);
      return reply.code(204).send();
    },
  });
};
