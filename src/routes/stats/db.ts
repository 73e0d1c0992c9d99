// /stats/db*: databases of the active source (list with size and measurements, create, drop) and
// dropping one measurement. Errors come from the adapter as AppError; nothing is caught here.
//
// Freshness of GET /stats/db: the list is served from a per-app snapshot, so 10 clients polling 50
// databases × 200 measurements cost one read of the source per half second, not one per request.
// - A mutation through this API (create/drop database, drop measurement) discards the snapshot before
//   its response is sent, and a source switch (PUT /stats/tsdb/dbsource/...) changes the adapter the
//   snapshot is keyed on: the caller's next GET waits for a read that started after its change.
// - Changes made behind the API's back (data-plane writes adding measurements, growing sizes, someone
//   using influxd directly) show within 1 s: a snapshot older than REFRESH_AFTER_MS is still served
//   while one background read runs, and one older than MAX_AGE_MS (counted from the start of the read
//   that produced it) is never served; the request waits for a fresh read.
// - A failed read discards the snapshot, so a source that is down answers the usual 502/503 from the
//   next request on, and never later than MAX_AGE_MS after the last good read began. Errors are never cached.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../schemas/common.ts';
import {
  createDatabaseBodySchema,
  databaseListSchema,
  databaseParamsSchema,
  measurementParamsSchema,
} from '../../schemas/db.ts';
import type { TsdbAdapter } from '../../tsdb/adapter.ts';
import type { SourceManager } from '../../tsdb/source-manager.ts';
import { SnapshotCache } from '../../tsdb/snapshot-cache.ts';

// One background read per half second at most under load; a body is never more than 1 s old.
export const REFRESH_AFTER_MS = 500;
export const MAX_AGE_MS = 1000;

export interface DbRoutesOptions {
  sources: SourceManager;
}

export const dbRoutes: FastifyPluginAsync<DbRoutesOptions> = async (fastify, { sources }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['Databases'];
  const { 400: e400, 401: e401, 403: e403, 404: e404, 409: e409, 502: e502, 503: e503 } = errorResponses;
  const upstream = { 401: e401, 403: e403, 502: e502, 503: e503 };
  // Checked against the schema once per read (not per request), then sent as bytes: Fastify does not
  // serialize a Buffer, and the 200 schema stays in the OpenAPI document.
  const list = new SnapshotCache<TsdbAdapter>({
    load: async (adapter) => Buffer.from(JSON.stringify(databaseListSchema.encode(await adapter.listDatabases()))),
    refreshAfterMs: REFRESH_AFTER_MS,
    maxAgeMs: MAX_AGE_MS,
  });
  // Before the reply goes out, also on failure (a drop that timed out may still have happened).
  const mutation = async (work: () => Promise<void>) => {
    try {
      await work();
    } finally {
      list.invalidate();
    }
  };

  // Registered without the zod type provider: the handler sends bytes, which its reply type rejects.
  fastify.get('/stats/db', {
    schema: {
      tags,
      summary: 'List DBs with on-disk size (bytes) and measurement names',
      response: { 200: databaseListSchema, ...upstream },
    },
    handler: async (_request, reply) => {
      const body = await list.get(sources.guardedAdapter());
      return reply.type('application/json; charset=utf-8').send(body);
    },
  });

  app.post('/stats/db', {
    schema: {
      tags,
      summary: 'Create Database on the active source',
      body: createDatabaseBodySchema,
      response: { 204: noContent, 400: e400, 409: e409, ...upstream },
    },
    handler: async (request, reply) => {
      await mutation(() => sources.guardedAdapter().createDatabase(request.body.dbName));
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
      await mutation(() => sources.guardedAdapter().dropDatabase(request.params.db_name));
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
      const { db_name, db_measurement } = request.params;
      await mutation(() => sources.guardedAdapter().dropMeasurement(db_name, db_measurement));
      return reply.code(204).send();
    },
  });
};
