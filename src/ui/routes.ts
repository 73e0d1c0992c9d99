// GET /ui/ and its assets: the admin page, served WITHOUT auth (a browser cannot send Basic auth for
// a page it has not loaded yet without its own prompt); the page asks for a token and sends it on
// every API call itself. Only files known at start-up are served; anything else is a JSON 404.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.ts';
import { loadAssets, type AssetSet } from './assets.ts';

// Everything from our own origin, nothing inline but the import map, no framing; the token lives in
// sessionStorage, so a script injected from elsewhere is what this policy keeps out.
const csp = (importMapHash: string) =>
  [
    "default-src 'self'",
    `script-src 'self' ${importMapHash}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

export const uiRoutes: FastifyPluginAsync = async (app) => {
  // Read on first request, not at start-up: a server nobody opens the page on pays nothing.
  let loading: Promise<AssetSet> | undefined;
  const assets = () => (loading ??= loadAssets().catch((err: unknown) => {
    loading = undefined;
    throw err;
  }));

  const send = async (name: string, request: FastifyRequest, reply: FastifyReply) => {
    const set = await assets();
    const file = set.files.get(name);
    if (!file) throw notFound(`no file ${name} in the admin page`);
    void reply
      .header('content-type', file.contentType)
      // Revalidate every time (cheap with the ETag): a new release's files show without a hard reload.
      .header('cache-control', 'no-cache')
      .header('etag', file.etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    if (name === 'index.html') void reply.header('content-security-policy', csp(set.importMapHash));
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      return reply.header('content-encoding', 'gzip').send(file.gzip);
    }
    return reply.send(file.body);
  };

  const config = { public: true };
  const schema = { hide: true };
  app.get('/ui', { config, schema }, (_request, reply) => reply.redirect('/ui/', 308));
  app.get('/ui/', { config, schema }, (request, reply) => send('index.html', request, reply));
  app.get<{ Params: { '*': string } }>('/ui/*', { config, schema }, (request, reply) =>
    send(request.params['*'], request, reply),
  );
};
