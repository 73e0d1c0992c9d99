// buildInfluxApi(config, deps): the embedded engine's InfluxDB 1.x HTTP API as its own Fastify instance
// (server.ts listens on INFLUX_PORT with the API's HOST and TLS). /ping and /health are open; /query and
// /write authenticate as influxd with auth-enabled does, against the users and grants of /stats/users.
// Routes carry no JSON schemas: every answer, errors included, is influxd's own shape, not the DataHub API's.
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { loggerOptions } from '../plugins/logger.ts';
import { loadTls } from '../plugins/tls.ts';
import { Authenticator } from './authenticate.ts';
import { parseCredentials } from './credentials.ts';
import type { InfluxStorage, InfluxUser, QueryLanguage } from './engine.ts';
import { goJson } from './go-json.ts';
import { influxError, sendJson } from './replies.ts';
import { MAX_BODY_BYTES, urlQuery } from './request.ts';
import { queryRoute } from './route-query.ts';
import { writeRoute } from './route-write.ts';
import { INFLUX_BUILD, INFLUX_VERSION } from './version.ts';

export interface InfluxApiDeps {
  storage: InfluxStorage;
  influxql: QueryLanguage;
  logStream?: Writable;
  /** The clock of `now()` and of points without a timestamp, in ns; tests pin it. */
  nowNs?: () => bigint;
}

declare module 'fastify' {
  interface FastifyRequest {
    influxUser: { name: string; user: InfluxUser } | undefined;
  }
}

export async function buildInfluxApi(config: Config, deps: InfluxApiDeps): Promise<FastifyInstance> {
  const tls = await loadTls(config);
  const app = Fastify({
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    logger: { ...loggerOptions(config), ...(deps.logStream ? { stream: deps.logStream } : {}) },
    // Fastify's request log would write the URL, and InfluxDB clients put the password in it (`p=`).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
  });
  const authenticator = new Authenticator(deps.storage);
  const nowNs = deps.nowNs ?? (() => BigInt(Date.now()) * 1_000_000n);

  app.decorateRequest('influxUser', undefined);
  app.addHook('onRequest', async (request, reply) => {
    // influxd reads any body whatever its type; Go's client (the `influx` shell) sends `Content-Type:` empty,
    // which Fastify would answer 415.
    if (!request.headers['content-type']) request.headers['content-type'] = 'application/octet-stream';
    const id = randomUUID();
    void reply.headers({
      'content-type': 'application/json',
      'request-id': id,
      'x-influxdb-build': INFLUX_BUILD,
      'x-influxdb-version': INFLUX_VERSION,
      'x-request-id': id,
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, path: pathOf(request), status: reply.statusCode }, 'influx api request');
  });
  // Bodies stay bytes: /write parses line protocol (maybe gzip), /query reads a form or a raw InfluxQL body.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status === 413) return influxError(reply, 413, 'Request Entity Too Large');
    if (status >= 400 && status < 500) return influxError(reply, status, err.message);
    request.log.error({ err, path: pathOf(request) }, 'influx api: unhandled error');
    return influxError(reply, 500, 'internal error; see the server log');
  });
  app.setNotFoundHandler((_request, reply) => influxError(reply, 404, '404 page not found'));

  // Fastify answers HEAD from the GET route (exposeHeadRoutes), as influxd serves both.
  app.get('/ping', async (_request, reply) => reply.code(204).send());
  // influxd 1.8's health answer (1.6.7 has no /health).
  app.get('/health', async (_request, reply) =>
    sendJson(reply, goJson({ name: 'influxdb', message: 'ready for queries and writes', status: 'pass', checks: [], version: INFLUX_VERSION })),
  );

  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const credentials = parseCredentials(urlQuery(request), request.headers.authorization);
    if (!credentials.ok) return influxError(reply, 401, credentials.error);
    const result = await authenticator.authenticate(credentials.username, credentials.password);
    if (!result.ok) return influxError(reply, 401, result.error);
    request.influxUser = { name: result.name, user: result.user };
    return undefined;
  };
  await app.register(queryRoute, { storage: deps.storage, influxql: deps.influxql, authenticate, nowNs });
  await app.register(writeRoute, { storage: deps.storage, authenticate, nowNs });
  return app;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}
