// The Influx API beside the app: built when INFLUX_PORT is set and the internal source is the embedded
// engine (with INTERNAL_INFLUX_URL the internal source is a real InfluxDB, which has its own API).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { embeddedInfluxQL, embeddedStorage } from './embedded-port.ts';
import { buildInfluxApi } from './index.ts';

export async function influxApiFor(app: FastifyInstance, config: Config): Promise<FastifyInstance | undefined> {
  if (config.influxPort === undefined) return undefined;
  const adapter = app.sources.embedded();
  if (!adapter) {
    app.log.info('INFLUX_PORT: the internal source is INTERNAL_INFLUX_URL, which serves its own InfluxDB API; not listening');
    return undefined;
  }
  return buildInfluxApi(config, { storage: embeddedStorage(adapter), influxql: embeddedInfluxQL(adapter) });
}

/** Listens on INFLUX_PORT; a port in use is one line naming the variable (ListenError). */
export async function listenInfluxApi(api: FastifyInstance, config: Config): Promise<void> {
  try {
    await api.listen({ host: config.host, port: config.influxPort });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new ListenError(
        `INFLUX_PORT: cannot listen on ${config.host}:${config.influxPort} (${code === 'EADDRINUSE' ? 'port in use' : 'permission denied'}); set another port or INFLUX_PORT=off`,
      );
    }
    throw err;
  }
}

export class ListenError extends Error {
  override name = 'ListenError';
}
