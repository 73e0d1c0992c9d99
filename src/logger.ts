// pino options for the whole app. Secrets are redacted by configuration: any field that can carry a
// token or password, wherever it appears in a logged object, is censored before it is written.
import type { LoggerOptions } from 'pino';
import type { Config } from './config.ts';

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
];

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}
