// JSON bodies as clients really send them: admin UIs and scripts often set `Content-Type:
// application/json` on every request, including DELETEs and PUTs the document defines with no body.
// Fastify's default parser answers those with 400 "Body cannot be empty"; an empty body is read as no
// body instead, and the route's schema decides (a route that needs a body still answers 400).
import type { FastifyInstance } from 'fastify';

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // The default parser keeps its __proto__ / constructor poisoning protection for non-empty bodies.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    // The default parser answers through `done`; its declared promise return is never one here.
    void parseJson(request, text, done);
  });
}
