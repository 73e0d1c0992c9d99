// Coded errors thrown anywhere in the app, and the one error handler that maps them to HTTP.
// Adapters throw these; routes never catch and reformat. 5xx details are logged, not returned
// beyond the message we chose to expose.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface AppErrorOptions {
  cause?: unknown;
  /** Whether trying the same thing again later may succeed (network trouble, upstream restart). */
  retryable?: boolean;
  /** Headers to send with the error response (WWW-Authenticate, Retry-After). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;
  readonly retryable: boolean;
  readonly headers: Record<string, string>;

  constructor(statusCode: number, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.statusCode = statusCode;
    this.retryable = options.retryable ?? false;
    this.headers = options.headers ?? {};
  }
}

export const badRequest = (message: string, o?: AppErrorOptions) => new AppError(400, message, o);
export const unauthorized = (message: string, o?: AppErrorOptions) => new AppError(401, message, o);
export const forbidden = (message: string, o?: AppErrorOptions) => new AppError(403, message, o);
export const notFound = (message: string, o?: AppErrorOptions) => new AppError(404, message, o);
export const conflict = (message: string, o?: AppErrorOptions) => new AppError(409, message, o);
/** The source answered, but with a failure we cannot pass on as the caller's fault. */
export const badGateway = (message: string, o?: AppErrorOptions) => new AppError(502, message, o);
/** The source could not be reached (refused, reset, timed out). */
export const unavailable = (message: string, o?: AppErrorOptions) =>
  new AppError(503, message, { retryable: true, ...o });

export interface ErrorBody {
  error: string;
  message: string;
}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** Installs the single error handler and a JSON 404 for unknown routes. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send(errorBody(404, `no route for ${request.method} ${request.url.split('?')[0]}`));
  });

  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.statusCode >= 500) request.log.warn({ err }, 'upstream or internal failure');
      void reply.code(err.statusCode).headers(err.headers).send(errorBody(err.statusCode, err.message));
      return;
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const details = err.validation
        .map((v) => {
          const at = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
          return `${where}${at ? '.' + at : ''}: ${v.message ?? 'invalid'}`;
        })
        .join('; ');
      void reply.code(400).send(errorBody(400, details));
      return;
    }
    const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, wrong content type, body too large.
      void reply.code(status).send(errorBody(status, err.message));
      return;
    }
    request.log.error({ err }, 'unhandled error');
    void reply.code(500).send(errorBody(500, 'internal error; see the server log'));
  });
}
