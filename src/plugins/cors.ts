// CORS for browser admin UIs on other origins (CORS_ORIGINS). Registered before the auth hook: the
// plugin answers preflights in its own onRequest hook, since browsers send them without credentials.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export async function setupCors(app: FastifyInstance, config: Pick<Config, 'corsOrigins'>): Promise<void> {
  if (config.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // UIs send the token in an explicit Authorization header, not as a browser-held credential, so
    // Allow-Credentials stays off (it could not be combined with `*` anyway).
    credentials: false,
    maxAge: 600,
  });
}
