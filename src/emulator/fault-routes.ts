// /__emulator/faults (API faults: create, list, get, delete one or all) and /__emulator/tsdb (the TSDB
// source's state: up, down, slow, failing). Bodies are checked whole before anything changes.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../errors.ts';
import { errorResponses, noContent } from '../schemas/common.ts';
import { apiFaultSchema, type ApiFaults } from './api-faults.ts';
import { EMULATOR_TAG } from './schemas.ts';
import { tsdbFaultSchema, type TsdbFaults } from './tsdb-faults.ts';

const { 400: e400, 401: e401, 403: e403, 404: e404 } = errorResponses;

const faultViewSchema = z.object({
  id: z.string(),
  match: z.object({ method: z.string(), path: z.string() }),
  effect: z.object({
    status: z.number().optional(),
    body: z.record(z.string(), z.unknown()).optional(),
    latency_ms: z.number().optional(),
    drop: z.boolean().optional(),
  }),
  times: z.number().optional(),
  probability: z.number(),
  duration_s: z.number().optional(),
  created_at: z.string(),
  hits: z.number().describe('Requests affected so far'),
  remaining: z.number().optional(),
  expires_at: z.string().optional(),
});
const idParams = z.object({ id: z.string().min(1).max(64) });
const tsdbStateSchema = z.object({
  state: z.enum(['up', 'down', 'slow', 'failing']),
  latency_ms: z.number().optional(),
  until: z.string().optional(),
});

export interface FaultRoutesOptions {
  apiFaults: ApiFaults;
  tsdbFaults: TsdbFaults;
}

export const faultRoutes: FastifyPluginAsync<FaultRoutesOptions> = async (fastify, { apiFaults, tsdbFaults }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = [EMULATOR_TAG];

  app.post('/__emulator/faults', {
    schema: {
      tags,
      summary: 'Inject a fault into the API: an error status, added latency or a dropped connection',
      description:
        '`match.path` takes `*` as a wildcard (e.g. `/stats/db*`); `match.method` defaults to any. `effect.status` ' +
        'answers with the document\'s `{error, message}` body unless `effect.body` is given. `times`, ' +
        '`probability` and `duration_s` bound it. /__emulator/ and /docs are never affected.',
      body: apiFaultSchema,
      response: { 201: faultViewSchema, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request, reply) => reply.code(201).send(apiFaults.add(request.body)),
  });

  app.get('/__emulator/faults', {
    schema: { tags, summary: 'List the API faults in force', response: { 200: faultViewSchema.array(), 401: e401, 403: e403 } },
    handler: async () => apiFaults.list(),
  });

  app.get('/__emulator/faults/:id', {
    schema: { tags, summary: 'One API fault', params: idParams, response: { 200: faultViewSchema, 401: e401, 403: e403, 404: e404 } },
    handler: async (request) => {
      const f = apiFaults.get(request.params.id);
      if (!f) throw notFound(`no fault ${request.params.id}`);
      return f;
    },
  });

  app.delete('/__emulator/faults/:id', {
    schema: { tags, summary: 'Remove one API fault', params: idParams, response: { 204: noContent, 401: e401, 403: e403, 404: e404 } },
    handler: async (request, reply) => {
      if (!apiFaults.remove(request.params.id)) throw notFound(`no fault ${request.params.id}`);
      return reply.code(204).send();
    },
  });

  app.delete('/__emulator/faults', {
    schema: { tags, summary: 'Remove every API fault', response: { 204: noContent, 401: e401, 403: e403 } },
    handler: async (_request, reply) => {
      apiFaults.clear();
      return reply.code(204).send();
    },
  });

  app.get('/__emulator/tsdb', {
    schema: { tags, summary: 'The TSDB source fault in force (`up` when none)', response: { 200: tsdbStateSchema, 401: e401, 403: e403 } },
    handler: async () => tsdbFaults.get(),
  });

  app.put('/__emulator/tsdb', {
    schema: {
      tags,
      summary: 'Put the TSDB source down, slow or failing (or back up), optionally for a while',
      description:
        'The adapters take their real error paths: an HTTP source is reached through a fault proxy (`down` resets ' +
        'connections: 503; `failing` answers 500: 502; `slow` holds requests for `latency_ms`, 503 past ' +
        'UPSTREAM_TIMEOUT_MS); the embedded engine\'s file access fails with EIO (503) when `down` or `failing`. ' +
        'The data plane buffers and resumes by itself. `for_s` returns to `up` afterwards.',
      body: tsdbFaultSchema,
      response: { 200: tsdbStateSchema, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request) => tsdbFaults.set(request.body),
  });
};
