// TSDB settings (active source, is_enabled, each source's connection) persisted atomically in
// DATA_DIR/tsdb-settings.json. db_password and db_influx2_auth_token are sealed before they touch disk.
import path from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../fs/atomic-file.ts';
import type { SecretBox } from '../secrets/secret-box.ts';

export const SETTINGS_FILE_NAME = 'tsdb-settings.json';
export const DEFAULT_DATABASE = 'tsdata';

export type SourceType = 'internal' | 'external';
export type ExternalVendor = 'influx_v1.x' | 'influx_v2.x';

export interface InternalSettings {
  /** Database the data plane writes to on the internal source. */
  name: string;
  description: string;
  /** The emulator's own InfluxDB address (the embedded engine) or another InfluxDB 1.x (internal-address.ts). */
  uri: string;
  username: string | undefined;
  password: string | undefined;
}

/** The internal connection before any PUT: from INTERNAL_INFLUX_URL, or the embedded engine's own address. */
export type InitialInternal = Pick<InternalSettings, 'uri' | 'username' | 'password'>;

export interface ExternalSettings {
  vendor: ExternalVendor;
  uri: string;
  /** Database (1.x) or bucket (2.x) the data plane writes to. */
  name: string;
  description: string;
  username: string | undefined;
  password: string | undefined;
  token: string | undefined;
  org: string | undefined;
}

export interface TsdbSettings {
  source: SourceType;
  is_enabled: boolean;
  internal: InternalSettings;
  external: ExternalSettings | undefined;
}

export function defaultSettings(initial: InitialInternal): TsdbSettings {
  return {
    source: 'internal',
    is_enabled: true,
    internal: { name: DEFAULT_DATABASE, description: '', ...initial },
    external: undefined,
  };
}

const opt = z.string().optional();
const fileSchema = z.object({
  version: z.literal(1),
  source: z.enum(['internal', 'external']),
  is_enabled: z.boolean(),
  // uri and credentials are absent from files written before the internal source honoured db_uri.
  internal: z.object({ name: z.string().min(1), description: z.string(), uri: opt, username: opt, password: opt }),
  external: z
    .object({
      vendor: z.enum(['influx_v1.x', 'influx_v2.x']),
      uri: z.string(),
      name: z.string().min(1),
      description: z.string(),
      username: opt,
      password: opt,
      token: opt,
      org: opt,
    })
    .optional(),
});

type SettingsFile = z.infer<typeof fileSchema>;

/** Pure: settings to the on-disk document, secrets sealed. */
export function serializeSettings(s: TsdbSettings, box: SecretBox): SettingsFile {
  const seal = (v: string | undefined) => (v === undefined ? undefined : box.seal(v));
  return {
    version: 1,
    source: s.source,
    is_enabled: s.is_enabled,
    internal: { ...s.internal, password: seal(s.internal.password) },
    external: s.external && {
      ...s.external,
      password: seal(s.external.password),
      token: seal(s.external.token),
    },
  };
}

/** Pure: the on-disk document back to settings; throws on a malformed file (never guesses). An internal
 *  source stored without an address keeps the one it had then, `initial`. */
export function parseSettings(raw: unknown, box: SecretBox, initial: InitialInternal): TsdbSettings {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`invalid ${SETTINGS_FILE_NAME}: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  }
  const f = parsed.data;
  const open = (v: string | undefined) => (v === undefined ? undefined : box.open(v));
  const e = f.external;
  return {
    source: f.source,
    is_enabled: f.is_enabled,
    internal:
      f.internal.uri === undefined
        ? { name: f.internal.name, description: f.internal.description, ...initial }
        : {
            name: f.internal.name,
            description: f.internal.description,
            uri: f.internal.uri,
            username: f.internal.username,
            password: open(f.internal.password),
          },
    external: e && {
      vendor: e.vendor,
      uri: e.uri,
      name: e.name,
      description: e.description,
      username: e.username,
      password: open(e.password),
      token: open(e.token),
      org: e.org,
    },
  };
}

export class SettingsStore {
  readonly #file: string;
  readonly #box: SecretBox;
  readonly #initial: InitialInternal;

  constructor(dataDir: string, box: SecretBox, initial: InitialInternal) {
    this.#file = path.join(dataDir, SETTINGS_FILE_NAME);
    this.#box = box;
    this.#initial = initial;
  }

  /** The stored settings, or the defaults (internal at `initial`, enabled, `tsdata`) on a fresh DATA_DIR. */
  async load(): Promise<TsdbSettings> {
    const raw = await readJsonFile(this.#file);
    return raw === undefined ? defaultSettings(this.#initial) : parseSettings(raw, this.#box, this.#initial);
  }

  async save(settings: TsdbSettings): Promise<void> {
    await writeJsonAtomic(this.#file, serializeSettings(settings, this.#box));
  }
}
