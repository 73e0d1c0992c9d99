// POST /__emulator/reset, GET and PUT /__emulator/snapshot: a first start, and the whole state as one
// .tar.gz to save and restore without a restart.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../schemas/common.ts';
import { EMULATOR_TAG } from './schemas.ts';
import type { Snapshots } from './snapshots.ts';

const { 400: e400, 401: e401, 403: e403, 503: e503 } = errorResponses;
const ARCHIVE_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'];
/** Snapshots carry whole databases; the app's 1 MiB JSON limit does not apply to them. */
const ARCHIVE_LIMIT = 2 * 1024 * 1024 * 1024 - 1;

export const stateRoutes: FastifyPluginAsync<{ snapshots: Snapshots }> = async (fastify, { snapshots }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = [EMULATOR_TAG];
  app.addContentTypeParser(ARCHIVE_TYPES, { parseAs: 'buffer', bodyLimit: ARCHIVE_LIMIT }, (_req, body, done) => done(null, body));

  app.post('/__emulator/reset', {
    schema: {
      tags,
      summary: 'Back to a first start: databases, users, TSDB settings, device states, faults, overrides',
      description:
        'API tokens and the secret key are kept, so the caller stays signed in. With DEMO=1 the demo is seeded again. ' +
        'An InfluxDB behind INTERNAL_INFLUX_URL is not touched; only the emulator\'s own state is reset.',
      response: { 204: noContent, 401: e401, 403: e403, 503: e503 },
    },
    handler: async (_request, reply) => {
      await snapshots.reset();
      return reply.code(204).send();
    },
  });

  // No response schema: the body is bytes, which Fastify sends without a serializer.
  fastify.get('/__emulator/snapshot', {
    schema: {
      tags,
      summary: 'The whole state as one .tar.gz, consistent while writes run',
      description: 'TSDB settings, sealed secrets, the embedded engine\'s databases and users, device states. Not API tokens.',
      produces: ['application/gzip'],
    },
    handler: async (_request, reply) => {
      const archive = await snapshots.take();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="datahub-snapshot-${stamp}.tar.gz"`)
        .send(archive);
    },
  });

  app.put('/__emulator/snapshot', {
    schema: {
      tags,
      summary: 'Restore a snapshot without a restart (checked whole first: a bad one is a 400 and changes nothing)',
      consumes: ARCHIVE_TYPES,
      response: { 204: noContent, 400: e400, 401: e401, 403: e403 },
    },
    handler: async (request, reply) => {
      const body = request.body;
      await snapshots.restore(Buffer.isBuffer(body) ? body : Buffer.alloc(0));
      return reply.code(204).send();
    },
  });
};
