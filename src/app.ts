// buildApp(config): the whole server as a Fastify instance that never listens. It wires the parts
// explicitly, in order: TLS, logger, error handler, CORS, auth, metrics, the TSDB control plane,
// the DeviceHub data plane. Everything it starts, it stops on close.
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { installErrorHandler } from './errors.ts';
import { loggerOptions } from './logger.ts';

export interface BuildOptions {
  /** Where logs go (tests capture them to prove no secret is written); stdout by default. */
  logStream?: Writable;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { ...loggerOptions(config), ...(options.logStream ? { stream: options.logStream } : {}) },
    // Keep the body small: the largest legitimate body is a create-user with its grants.
    bodyLimit: 1024 * 1024,
    // Path params arrive URL-decoded; names may legitimately hold dots, spaces and non-ASCII.
    routerOptions: { maxParamLength: 2048 },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  return app;
}
