// loadConfig as the process sees it: defaults, accepted forms, and one clear line per bad variable
// that names it and what it allows, without echoing secrets.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { testConfig } from '../support/config.ts';

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: path.resolve('./data'),
      adminToken: undefined,
      logLevel: 'info',
      sampleIntervalMs: 1000,
      procRoot: '/proc',
      tls: { mode: 'off' },
      corsOrigins: [],
    });
  });

  it('reads every setting of issue 2', () => {
    const c = loadConfig({
      HOST: '127.0.0.1',
      PORT: ' 9090 ',
      DATA_DIR: '/var/lib/emu',
      ADMIN_TOKEN: 'abcdefghijklmnop-_.~!',
      LOG_LEVEL: 'warn',
      SAMPLE_INTERVAL_MS: '250',
      PROC_ROOT: '/host/proc',
      TLS: 'self-signed',
      CORS_ORIGINS: 'https://ui.example:8443, http://localhost:3000',
    });
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 9090,
      dataDir: '/var/lib/emu',
      adminToken: 'abcdefghijklmnop-_.~!',
      logLevel: 'warn',
      sampleIntervalMs: 250,
      procRoot: '/host/proc',
      tls: { mode: 'self-signed' },
      corsOrigins: ['https://ui.example:8443', 'http://localhost:3000'],
    });
  });

  it('treats empty values as unset, as a .env file with blank lines gives them', () => {
    expect(loadConfig({ PORT: '', TLS: ' ', ADMIN_TOKEN: '', CORS_ORIGINS: '' })).toMatchObject({
      port: 8080,
      tls: { mode: 'off' },
      adminToken: undefined,
      corsOrigins: [],
    });
  });

  it('reads the HTTP server timeouts, defaults as documented', () => {
    expect(loadConfig({}).http).toEqual({ requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000, keepAliveTimeoutMs: 72_000 });
    const env = { HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_CONNECTION_TIMEOUT_MS: '10000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' };
    expect(loadConfig(env).http).toEqual({ requestTimeoutMs: 5000, connectionTimeoutMs: 10_000, keepAliveTimeoutMs: 65_000 });
  });

  it('serves cert files when both are set, and * as any origin', () => {
    expect(loadConfig({ TLS_CERT: '/c.pem', TLS_KEY: '/k.pem', CORS_ORIGINS: '*' })).toMatchObject({
      tls: { mode: 'files', certFile: '/c.pem', keyFile: '/k.pem' },
      corsOrigins: ['*'],
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /"abc".*whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /0 to 65535/],
    [{ PORT: '-1' }, 'PORT', /0 to 65535/],
    [{ PORT: '80.5' }, 'PORT', /whole number/],
    [{ PORT: '0x50' }, 'PORT', /whole number/],
    [{ SAMPLE_INTERVAL_MS: '5' }, 'SAMPLE_INTERVAL_MS', /from 100 to/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /allowed: fatal, error, warn, info, debug, trace, silent/],
    [{ TLS: 'bogus' }, 'TLS', /allowed: off, self-signed/],
    [{ TLS: 'on' }, 'TLS', /allowed: off, self-signed/],
    [{ TLS_CERT: '/c.pem' }, 'TLS_KEY', /set together/],
    [{ TLS_KEY: '/k.pem' }, 'TLS_CERT', /set together/],
    [{ TLS: 'self-signed', TLS_CERT: '/c', TLS_KEY: '/k' }, 'TLS', /choose one/],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN', /at least 16/],
    [{ ADMIN_TOKEN: 'has:colon-0123456789' }, 'ADMIN_TOKEN', /without ":"/],
    [{ ADMIN_TOKEN: 'has space 0123456789' }, 'ADMIN_TOKEN', /without ":" or spaces/],
    [{ CORS_ORIGINS: 'ui.example' }, 'CORS_ORIGINS', /allowed: \* or comma-separated origins/],
    [{ CORS_ORIGINS: 'https://ui.example/' }, 'CORS_ORIGINS', /no path/],
    [{ CORS_ORIGINS: 'https://a.example,,ftp://b' }, 'CORS_ORIGINS', /origins/],
    [{ HTTP_REQUEST_TIMEOUT_MS: '0' }, 'HTTP_REQUEST_TIMEOUT_MS', /from 100 to/],
    [{ UPSTREAM_TIMEOUT_MS: '40000' }, 'HTTP_CONNECTION_TIMEOUT_MS', /at least twice UPSTREAM_TIMEOUT_MS/],
  ])('%j: one line naming %s', (env, variable, allowed) => {
    const message = problem(env);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^invalid configuration: ${variable}\\b`));
    expect(message).toMatch(allowed);
  });

  it('reports each bad variable on its own line', () => {
    const lines = problem({ PORT: 'x', TLS: 'y' }).split('\n');
    expect(lines).toEqual([expect.stringMatching(/^invalid configuration: PORT/), expect.stringMatching(/^invalid configuration: TLS/)]);
  });

  it('never echoes a secret value', () => {
    expect(problem({ ADMIN_TOKEN: 'secret:0123456789abcdef' })).not.toContain('secret');
    expect(problem({ NATS_URL: 'http://user:hunter2@nats:4222' })).not.toContain('hunter2');
    expect(problem({ INTERNAL_INFLUX_URL: 'ftp://user:hunter2@influx' })).not.toContain('hunter2');
  });

  it('testConfig starts from defaults, never from process.env', () => {
    expect(testConfig({ port: 1 })).toMatchObject({ port: 1, logLevel: 'silent', tls: { mode: 'off' } });
  });
});

describe('EMBEDDED_RETENTION', () => {
  const H = 3_600_000_000_000n;
  it('defaults to 7d, reads h/d/w, and inf or 0 keep everything', () => {
    expect(loadConfig({}).embeddedRetentionNs).toBe(7n * 24n * H);
    expect(loadConfig({ EMBEDDED_RETENTION: '12h' }).embeddedRetentionNs).toBe(12n * H);
    expect(loadConfig({ EMBEDDED_RETENTION: '2w' }).embeddedRetentionNs).toBe(14n * 24n * H);
    expect(loadConfig({ EMBEDDED_RETENTION: 'inf' }).embeddedRetentionNs).toBeUndefined();
    expect(loadConfig({ EMBEDDED_RETENTION: '0' }).embeddedRetentionNs).toBeUndefined();
    expect(testConfig().embeddedRetentionNs).toBeUndefined();
  });

  it.each(['30m', '0h', '7', 'd', '1.5d', 'forever', '-1d'])('refuses %j in one line naming the variable', (v) => {
    expect(problem({ EMBEDDED_RETENTION: v })).toBe(
      `invalid configuration: EMBEDDED_RETENTION (got "${v}"): must be inf (or 0) or a duration of at least 1h, like 12h, 7d or 2w`,
    );
  });
});
