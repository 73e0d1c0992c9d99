// The only entrypoint: parse the environment, build the app, listen, and close gracefully on
// SIGTERM/SIGINT (in-flight requests finish, then exit 0).
import { flushCompileCache } from 'node:module';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { influxApiFor, listenInfluxApi, ListenError } from './influx-api/serve.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  const app = await buildApp(config, {
    // Straight to stdout, never through the logger: log pipelines keep what they see.
    onTokenGenerated: (token) => printGeneratedToken(token, config),
  });
  const influx = await influxApiFor(app, config);
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.beginShutdown();
    app.log.info({ signal }, 'shutting down: draining in-flight requests');
    // A stuck upstream must not keep the process alive forever.
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    // The Influx API first: its in-flight requests finish while the engine is still open.
    Promise.resolve(influx?.close())
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'error while closing');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  try {
    if (influx) await listenInfluxApi(influx, config);
  } catch (err) {
    if (!(err instanceof ListenError)) throw err;
    console.error(err.message);
    await app.close();
    process.exit(2);
  }
  await app.listen({ host: config.host, port: config.port });
  // With NODE_COMPILE_CACHE (npm start sets it) Node writes the cache only at a clean exit, so a first
  // start ended by SIGKILL, a crash or the OOM killer left it cold and the next start loaded the
  // TypeScript stripper again: 127 MB instead of 97 MB resident for that process's whole life.
  flushCompileCache();
}

function printGeneratedToken(token: string, config: Config): void {
  const scheme = config.tls.mode === 'off' ? 'http' : 'https';
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(
    [
      '',
      'No API token existed, so an admin token was generated. It is shown only this once:',
      '',
      `    ${token}`,
      '',
      'Use it as the Basic auth username with an empty password, for example:',
      `    curl ${scheme === 'https' ? '-k ' : ''}-u '${token}:' ${scheme}://${host}:${config.port}/stats/metrics`,
      'Manage tokens with: npm run --silent token -- create|list|revoke',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(`fatal: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
