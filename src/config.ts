// The environment, parsed once with zod into a typed Config. A bad value stops start-up with one
// line that names the variable and what it allows; nothing else in src/ reads process.env.
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
// Digits only: z.coerce.number() would take "0x50", "1e3" or "8080.0" and report "NaN" for "abc".
const int = (def: number, min: number, max: number) => {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, allowed)
      .transform(Number)
      .pipe(z.number().min(min, allowed).max(max, allowed))
      .default(def),
  );
};
// Origins as browsers send them: scheme://host[:port], no path or trailing slash.
const ORIGIN_RE = /^https?:\/\/[^\s/?#,]+$/;
const flag = z.preprocess(
  emptyToUndefined,
  z
    .enum(['0', '1', 'true', 'false'], { message: 'allowed: 1, 0, true, false' })
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
);
const httpUrl = z.preprocess(
  emptyToUndefined,
  z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .optional(),
);
const natsUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^(nats|tls|wss?):\/\/[^\s]+$/, 'must be a nats:// (or tls://, ws://, wss://) URL')
    .optional(),
);

const envSchema = z
  .object({
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    PORT: int(8080, 0, 65535),
    // Slow or stalled clients: a request must arrive whole in time; silent sockets and idle keep-alives close.
    HTTP_REQUEST_TIMEOUT_MS: int(30_000, 100, 3_600_000),
    HTTP_CONNECTION_TIMEOUT_MS: int(60_000, 100, 3_600_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: int(72_000, 100, 3_600_000),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    ADMIN_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .min(16, 'must be at least 16 characters')
        .max(512)
        // It travels as the Basic auth username, which cannot hold ':' (the separator) or spaces.
        .regex(/^[\x21-\x39\x3b-\x7e]+$/, 'allowed: printable ASCII without ":" or spaces')
        .optional(),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(LOG_LEVELS, { message: `allowed: ${LOG_LEVELS.join(', ')}` }).default('info'),
    ),
    SAMPLE_INTERVAL_MS: int(1000, 100, 3_600_000),
    PROC_ROOT: z.preprocess(emptyToUndefined, z.string().default('/proc')),
    TLS: z.preprocess(
      emptyToUndefined,
      z.enum(['off', 'self-signed'], { message: 'allowed: off, self-signed' }).default('off'),
    ),
    TLS_CERT: optionalString,
    TLS_KEY: optionalString,
    CORS_ORIGINS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (v) => v.split(',').every((o) => o.trim() === '*' || ORIGIN_RE.test(o.trim())),
          'allowed: * or comma-separated origins like https://ui.example:8443 (no path)',
        )
        .optional(),
    ),
    SECRET_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (a 256-bit key)')
        .optional(),
    ),
    UPSTREAM_TIMEOUT_MS: int(5000, 100, 120_000),
    // The embedded engine's InfluxDB 1.x HTTP API, as a device serves it on 8086; `off` disables it.
    INFLUX_PORT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^(off|\d+)$/, 'must be off or a port number from 0 to 65535')
        .refine((v) => v === 'off' || Number(v) <= 65535, 'must be off or a port number from 0 to 65535')
        .default('8086')
        .transform((v) => (v === 'off' ? undefined : Number(v))),
    ),
    // Per-database retention of the embedded engine (influxd's minimum is 1h); inf keeps everything.
    EMBEDDED_RETENTION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .default('7d')
        .transform((v, ctx) => {
          const ns = parseRetention(v);
          if (ns === null) ctx.addIssue({ code: 'custom', message: 'must be inf (or 0) or a duration of at least 1h, like 12h, 7d or 2w' });
          return ns ?? undefined;
        }),
    ),
    INTERNAL_INFLUX_URL: httpUrl,
    INTERNAL_INFLUX_USERNAME: optionalString,
    INTERNAL_INFLUX_PASSWORD: optionalString,
    NATS_URL: natsUrl,
    SIM_DEVICES: int(3, 0, 10_000),
    SIM_TAGS_PER_DEVICE: int(5, 1, 1_000),
    SIM_INTERVAL_MS: int(1000, 10, 3_600_000),
    WRITE_BATCH_SIZE: int(5000, 1, 1_000_000),
    WRITE_FLUSH_MS: int(200, 1, 60_000),
    WRITE_BUFFER_POINTS: int(100_000, 1, 50_000_000),
    DEMO: flag,
    // The test author's control surface (src/emulator/) and what it starts from.
    SIM_SEED: z.preprocess(emptyToUndefined, int(0, 0, 2_147_483_647).optional()),
    EMULATOR_API: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { message: 'allowed: on, off' }).default('on')),
    SCENARIO: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.HTTP_CONNECTION_TIMEOUT_MS < 2 * env.UPSTREAM_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_CONNECTION_TIMEOUT_MS'],
        message: 'must be at least twice UPSTREAM_TIMEOUT_MS, or a request waiting on a slow source is cut before its 503',
      });
    }
    if (Boolean(env.TLS_CERT) !== Boolean(env.TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TLS_CERT ? 'TLS_KEY' : 'TLS_CERT'],
        message: 'TLS_CERT and TLS_KEY must be set together (paths to PEM files)',
      });
    }
    if (env.SCENARIO && env.EMULATOR_API === 'off') {
      ctx.addIssue({ code: 'custom', path: ['SCENARIO'], message: 'a scenario needs EMULATOR_API=on' });
    }
    if (env.TLS_CERT && env.TLS === 'self-signed') {
      ctx.addIssue({
        code: 'custom',
        path: ['TLS'],
        message: 'TLS=self-signed cannot be combined with TLS_CERT/TLS_KEY; choose one',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

const DURATION_UNITS_NS: Record<string, bigint> = { h: 3_600_000_000_000n, d: 86_400_000_000_000n, w: 604_800_000_000_000n };

/** `inf` -> undefined, `<n>h|d|w` of at least 1h -> nanoseconds, anything else -> null. */
export function parseRetention(text: string): bigint | undefined | null {
  if (text === 'inf' || text === '0') return undefined;
  const m = /^(\d{1,6})([hdw])$/.exec(text);
  if (!m) return null;
  const ns = BigInt(m[1]!) * DURATION_UNITS_NS[m[2]!]!;
  return ns >= DURATION_UNITS_NS.h! ? ns : null;
}

export type TlsMode =
  | { mode: 'off' }
  | { mode: 'files'; certFile: string; keyFile: string }
  | { mode: 'self-signed' };

export interface Config {
  host: string;
  port: number;
  /** Fastify's requestTimeout, connectionTimeout and keepAliveTimeout, in ms (see the README). */
  http: { requestTimeoutMs: number; connectionTimeoutMs: number; keepAliveTimeoutMs: number };
  dataDir: string;
  adminToken: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  sampleIntervalMs: number;
  procRoot: string;
  tls: TlsMode;
  /** Origins allowed by CORS; empty means CORS is off. `*` allows any origin. */
  corsOrigins: string[];
  /** 32-byte key for secrets at rest; undefined means a key file under dataDir is used. */
  secretKey: Buffer | undefined;
  upstreamTimeoutMs: number;
  /** Port of the embedded engine's InfluxDB 1.x API (same HOST and TLS as the API); undefined = off. */
  influxPort: number | undefined;
  /** Retention of every embedded-engine database in nanoseconds; undefined = inf (keep everything). */
  embeddedRetentionNs: bigint | undefined;
  /** When set, the `internal` source is this InfluxDB 1.x server instead of the embedded engine. */
  internalInflux: { url: string; username: string | undefined; password: string | undefined } | undefined;
  natsUrl: string | undefined;
  /** `seed` (SIM_SEED) makes the simulated values the same sequence on every run. */
  simulator: { devices: number; tagsPerDevice: number; intervalMs: number; seed?: number | undefined };
  writer: { batchSize: number; flushMs: number; bufferPoints: number };
  demo: boolean;
  /** EMULATOR_API: whether /__emulator/ is served (off: those paths 404 as on a real device). */
  emulatorApi: boolean;
  /** SCENARIO: a scenario file (JSON) started at start-up. */
  scenario?: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment into a Config, or throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.') || 'environment';
      const value = env[variable];
      // Secrets and URLs (which may carry user:pass@) are never echoed back.
      const secret = /TOKEN|KEY|PASSWORD|URL/.test(variable) || (value ?? '').includes('@');
      const shown = value === undefined || secret ? '' : ` (got "${value}")`;
      return `invalid configuration: ${variable}${shown}: ${issue.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    http: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: e.HTTP_CONNECTION_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    dataDir: path.resolve(e.DATA_DIR),
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    sampleIntervalMs: e.SAMPLE_INTERVAL_MS,
    procRoot: e.PROC_ROOT,
    tls:
      e.TLS_CERT && e.TLS_KEY
        ? { mode: 'files', certFile: e.TLS_CERT, keyFile: e.TLS_KEY }
        : { mode: e.TLS },
    corsOrigins: (e.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secretKey: e.SECRET_KEY ? Buffer.from(e.SECRET_KEY, 'hex') : undefined,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    influxPort: e.INFLUX_PORT,
    embeddedRetentionNs: e.EMBEDDED_RETENTION,
    internalInflux: e.INTERNAL_INFLUX_URL
      ? {
          url: e.INTERNAL_INFLUX_URL,
          username: e.INTERNAL_INFLUX_USERNAME,
          password: e.INTERNAL_INFLUX_PASSWORD,
        }
      : undefined,
    natsUrl: e.NATS_URL,
    simulator: {
      devices: e.SIM_DEVICES,
      tagsPerDevice: e.SIM_TAGS_PER_DEVICE,
      intervalMs: e.SIM_INTERVAL_MS,
      seed: e.SIM_SEED,
    },
    writer: {
      batchSize: e.WRITE_BATCH_SIZE,
      flushMs: e.WRITE_FLUSH_MS,
      bufferPoints: e.WRITE_BUFFER_POINTS,
    },
    demo: e.DEMO,
    emulatorApi: e.EMULATOR_API === 'on',
    scenario: e.SCENARIO,
  };
}
