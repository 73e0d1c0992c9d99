// GET /: where the emulator's address leads, without credentials. The HTML page or the JSON index by the
// Accept header (ui/home-page.ts); neither holds data nor secrets.
import type { FastifyPluginAsync } from 'fastify';
import { apiIndex, landingPage, prefersJson, type ApiIndex } from '../ui/home-page.ts';

export const homeRoute: FastifyPluginAsync = async (app) => {
  // Built on first use, once every route exists (the OpenAPI document is only complete after ready).
  let index: ApiIndex | undefined;
  app.get('/', {
    config: { public: true },
    schema: {
      tags: ['Service'],
      summary: 'Landing page (HTML), or an index of the API with Accept: application/json (no credentials)',
      security: [],
      produces: ['text/html', 'application/json'],
    },
    handler: async (request, reply) => {
      void reply.header('vary', 'Accept');
      if (prefersJson(request.headers.accept)) {
        index ??= apiIndex(app.swagger());
        return reply.type('application/json; charset=utf-8').send(index);
      }
      return reply.type('text/html; charset=utf-8').send(landingPage(`${request.protocol}://${request.host}`));
    },
  });
};
