// What the data plane logs through: pino's level methods, which Fastify's app.log also has. Repeating
// problems go through RateLimitedLog (src/rate-limited-log.ts) on top of it.
import type { BaseLogger } from 'pino';

export type PlaneLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
