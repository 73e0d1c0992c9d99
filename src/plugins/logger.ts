// pino options for the whole app. Secrets are redacted by configuration: any field that can carry a
// token or password, wherever it appears in a logged object, is censored before it is written.
import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import type { Config } from '../config.ts';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'password',
  'token',
  'db_password',
  'db_influx2_auth_token',
  '*.password',
  '*.token',
  '*.db_password',
  '*.db_influx2_auth_token',
  '*.authorization',
  '*.Authorization',
  'client_secret',
  'access_token',
  '*.client_secret',
  '*.access_token',
];
/** Query parameters that carry a secret when a client misplaces it (RFC 6750 2.3 and 6749 2.3.1). */
const SECRET_QUERY_PARAMS = new Set(['access_token', 'client_secret']);

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Fastify's own request fields, but a refused ?access_token=... is still logged as incoming.
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        version: req.headers['accept-version'],
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

/** The URL with the values of secret-carrying query parameters (however encoded) censored. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url.slice(q + 1).split('&').map((part) => {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replaceAll('+', ' '));
    } catch {
      // An undecodable name is not one of ours; it is logged as sent.
    }
    return SECRET_QUERY_PARAMS.has(decoded) ? `${name}=[redacted]` : part;
  });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}
