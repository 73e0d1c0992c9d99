// buildApp(config): the whole server as a Fastify instance that never listens. It wires the parts
// explicitly, in order: TLS, logger, error handler, CORS, auth, metrics, the TSDB control plane,
// the demo seed, the DeviceHub data plane. Everything it starts, it stops on close.
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { setupAuth } from './auth/hook.ts';
import type { Config } from './config.ts';
import { setupCors } from './plugins/cors.ts';
import { registerDocs } from './plugins/docs.ts';
import { seedDemo } from './demo/seed.ts';
import { DataPlane } from './devicehub/data-plane.ts';
import { registerEmulator, setupEmulatorHooks } from './emulator/index.ts';
import { deviceHubMetricsRoute } from './routes/devicehub/metrics.ts';
import { HealthCheck } from './health/health-check.ts';
import { healthRoute } from './routes/health.ts';
import { homeRoute } from './routes/home.ts';
import { dbRoutes } from './routes/stats/db.ts';
import { tsdbRoutes } from './routes/stats/tsdb.ts';
import { usersRoutes } from './routes/stats/users.ts';
import { SourceManager } from './tsdb/source-manager.ts';
import { installErrorHandler } from './errors.ts';
import { acceptEmptyJsonBodies } from './plugins/json-body.ts';
import { loggerOptions } from './plugins/logger.ts';
import { createMetrics } from './metrics/index.ts';
import { oauthRoutes } from './routes/oauth/token.ts';
import { metricsRoute } from './routes/stats/metrics.ts';
import { loadTls } from './plugins/tls.ts';
import { uiRoutes } from './ui/routes.ts';

export interface BuildOptions {
  /** Where logs go (tests capture them to prove no secret is written); stdout by default. */
  logStream?: Writable;
  /** Receives the admin token generated for an empty token store, once; server.ts prints it. */
  onTokenGenerated?: (token: string) => void;
  /** How often tokens.json is checked for CLI changes (ms); tests shorten it. */
  tokenPollMs?: number;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const tls = await loadTls(config);
  const { requestTimeoutMs, connectionTimeoutMs, keepAliveTimeoutMs } = config.http;
  // requestTimeout goes to the server's constructor too: set only afterwards, as Fastify does, Node 24 cuts a
  // trickled header but not a trickled body (test/server-timeouts.test.ts). Node checks it only every
  // connectionsCheckingInterval (30 s by default), so a trickling client is cut within a second of it.
  const listener = { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, requestTimeoutMs) };
  const app = Fastify({
    // HTTPS only changes the listener; routes, hooks and inject() are the same either way.
    ...(tls ? { https: { ...listener, cert: tls.cert, key: tls.key } } : { http: listener }),
    // A request must arrive whole (headers and body) within requestTimeout, or it is answered 408 and cut;
    // a socket silent for connectionTimeout is closed; an idle keep-alive socket after keepAliveTimeout.
    requestTimeout: requestTimeoutMs,
    connectionTimeout: connectionTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    logger: { ...loggerOptions(config), ...(options.logStream ? { stream: options.logStream } : {}) },
    // Keep the body small: the largest legitimate body is a create-user with its grants.
    bodyLimit: 1024 * 1024,
    // Path params arrive URL-decoded; names may legitimately hold dots, spaces and non-ASCII.
    routerOptions: { maxParamLength: 2048 },
  });
  if (tls) app.log.info({ fingerprint: tls.fingerprint, generated: tls.generated }, 'serving HTTPS');

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  acceptEmptyJsonBodies(app);
  // CORS first (it answers preflights, which carry no credentials), then the auth hook, before
  // any route module: a hook applies only to routes registered after it.
  await setupCors(app, config);
  const oauth = await setupAuth(app, config, { onTokenGenerated: options.onTokenGenerated, tokenPollMs: options.tokenPollMs });
  // The emulator's API faults hook in right after auth, so they reach every route below.
  const emulator = setupEmulatorHooks(app, config.emulatorApi);
  // OpenAPI before the route modules: @fastify/swagger only documents routes registered after it.
  await registerDocs(app);
  // The OAuth2 token endpoint and JWKS: public routes (config.public), in a scope that parses only forms.
  await app.register(oauthRoutes, { oauth });

  // Host metrics: start() takes the first sample, so the very first scrape already has values.
  const metrics = createMetrics({
    procRoot: config.procRoot,
    sampleIntervalMs: config.sampleIntervalMs,
    logger: app.log,
    mapSeries: emulator ? (series) => emulator.overrides.map(series) : undefined,
  });
  await metrics.start();
  app.decorate('metrics', metrics);
  app.addHook('onClose', async () => metrics.stop());
  await app.register(metricsRoute, { metrics });

  // The TSDB control plane; `sources` is also the data plane's ActiveTargetProvider.
  const sources = await SourceManager.open(config, app.log);
  app.decorate('sources', sources);
  app.addHook('onClose', () => sources.close());
  await app.register(tsdbRoutes, { sources });
  await app.register(dbRoutes, { sources });
  await app.register(usersRoutes, { sources });
  // The admin page at /ui/: static files, public (the page signs in with a token itself).
  await app.register(uiRoutes);

  // Public (no credentials): the landing page and the supervisors' health check.
  await app.register(homeRoute);
  const health = new HealthCheck({ sampler: () => metrics.status(), tsdb: () => sources.testConnection(sources.info().source), log: app.log });
  await app.register(healthRoute, { health });
  app.decorate('beginShutdown', () => health.shutdownBegun());

  // The DeviceHub data plane writes through `sources`; preClose stops it before onClose closes adapters.
  const dataPlane = new DataPlane({ config, targets: sources, natsInMsgs: metrics.natsInMsgs, logger: app.log });
  app.decorate('dataPlane', dataPlane);
  if (config.demo) {
    // Before the data plane starts, so the demo's databases exist for its first batch.
    const { database } = sources.unguardedTarget();
    app.addHook('onReady', async () => {
      await seedDemo({ dataDir: config.dataDir, adapter: sources.guardedAdapter(), database, logger: app.log });
    });
  }
  app.addHook('onReady', () => dataPlane.start());
  app.addHook('preClose', () => dataPlane.stop());
  await app.register(deviceHubMetricsRoute, { dataPlane });

  // The test author's control surface (EMULATOR_API=off leaves it unregistered: 404 as on a device).
  await registerEmulator(app, emulator, { config, dataPlane, sources });

  return app;
}
