// The TSDB control plane's state: which source is active, whether persistence is on, and one cached
// adapter per source, rebuilt only when that source's settings change. Also the data plane's
// ActiveTargetProvider.
//
// PUT /stats/tsdb/dbsource/internal: db_vendor must be `influx_v1.x` (what a device's internal DB is);
// db_uri naming the emulator's own InfluxDB API is the embedded engine, any other address that InfluxDB
// 1.x server (internal-source.ts). INTERNAL_INFLUX_URL/USERNAME/PASSWORD only set the first start's.
import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { badRequest } from '../errors.ts';
import type { DbSourceBody } from '../schemas/tsdb.ts';
import { FileSecretStore } from '../secrets/file-secret-store.ts';
import { createSecretBox, loadSecretKey, type SecretBox } from '../secrets/secret-box.ts';
import type { ActiveTarget, ActiveTargetProvider } from './active-target.ts';
import type { AdapterContext, ConnectionTest, SecretStore, SourceConnection, TsdbAdapter } from './adapter.ts';
import { EmbeddedAdapter } from './adapters/embedded/index.ts';
import { registry } from './registry.ts';
import { initialInternal, internalConnection, nextInternal } from './internal-source.ts';
import { type ExternalSettings, parseSettings, type SourceType, SettingsStore, type TsdbSettings } from './settings-store.ts';
import { guardAdapter } from './source-guard.ts';
import { suspendedAdapter } from './suspended-adapter.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The TSDB control plane (set by buildApp); tests and the data plane reach the adapters through it. */
    sources: SourceManager;
  }
}

/** The emulator's TSDB faults (src/emulator/tsdb-faults.ts): adapters built through it reach their source
 *  via a fault proxy (HTTP sources) or with an I/O hook (the embedded engine). */
export interface SourceFaultLayer {
  /** Makes sure `uri` can be proxied before an adapter is built for it. */
  prepare(uri: string): Promise<void>;
  uri(original: string): string;
  readonly ioFault: () => void;
}

interface Built {
  connection: SourceConnection;
  raw: TsdbAdapter;
  guarded: TsdbAdapter;
}

const sameConnection = (a: SourceConnection, b: SourceConnection) =>
  (['vendor', 'uri', 'username', 'password', 'token', 'org'] as const).every((k) => a[k] === b[k]);

function externalConnection(e: ExternalSettings): SourceConnection {
  return { vendor: e.vendor, uri: e.uri, username: e.username, password: e.password, token: e.token, org: e.org };
}

/** Names a source in error messages without credentials (a URI may carry user:pass@). */
function describeSource(type: SourceType, c: SourceConnection): string {
  if (c.vendor === 'embedded') return `${type} source (embedded engine)`;
  let where = c.uri;
  try {
    where = new URL(c.uri).origin;
  } catch {
    // Unparseable URIs never get this far (the schema checks them); keep the text as is.
  }
  return `${type} source (${c.vendor} at ${where})`;
}

export class SourceManager implements ActiveTargetProvider {
  readonly secrets: SecretStore;
  readonly #config: Config;
  readonly #logger: FastifyBaseLogger;
  readonly #store: SettingsStore;
  #settings: TsdbSettings;
  readonly #built = new Map<SourceType, Built>();
  // Settings changes run one at a time so the file, the cache and memory never disagree.
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #faults: SourceFaultLayer | undefined;
  #keptEmbedded: Built | undefined;

  readonly #secretFile: FileSecretStore;
  readonly #box: SecretBox;
  /** While the emulator replaces the state files, every adapter answers 503 and nothing opens files. */
  #suspended: Built | undefined;

  private constructor(config: Config, logger: FastifyBaseLogger, store: SettingsStore, secrets: FileSecretStore, settings: TsdbSettings, box: SecretBox) {
    this.#secretFile = secrets;
    this.#box = box;
    this.#config = config;
    this.#logger = logger;
    this.#store = store;
    this.secrets = secrets;
    this.#settings = settings;
  }

  /** Loads (or creates) the key, the secrets and the settings; builds the internal adapter at once. */
  static async open(config: Config, logger: FastifyBaseLogger): Promise<SourceManager> {
    const box = createSecretBox(await loadSecretKey(config.dataDir, config.secretKey));
    const secrets = await FileSecretStore.open(config.dataDir, box);
    const store = new SettingsStore(config.dataDir, box, initialInternal(config));
    const manager = new SourceManager(config, logger, store, secrets, await store.load(), box);
    manager.#adapter('internal');
    return manager;
  }

  info(): { source: SourceType; is_enabled: boolean } {
    return { source: this.#settings.source, is_enabled: this.#settings.is_enabled };
  }

  /** Where the data plane writes: the active source's adapter as is, without deadline or error mapping. */
  unguardedTarget(): ActiveTarget {
    const s = this.#settings;
    const database = s.source === 'external' && s.external ? s.external.name : s.internal.name;
    return { source: s.source, enabled: s.is_enabled, adapter: this.#adapter(s.source).raw, database };
  }

  /**
   * The active source's adapter for the control plane (routes, start-up): every call bounded by a backstop
   * deadline and unmapped storage failures turned into the document's 503 (source-guard.ts).
   */
  guardedAdapter(): TsdbAdapter {
    return this.#adapter(this.#settings.source).guarded;
  }

  /** The internal source's embedded engine (the Influx API serves it); undefined with INTERNAL_INFLUX_URL. */
  embedded(): EmbeddedAdapter | undefined {
    const raw = this.#adapter('internal').raw;
    return raw instanceof EmbeddedAdapter ? raw : undefined;
  }

  /** Never throws: an unconfigured or unbuildable source is reported as not connected. */
  async testConnection(type: SourceType): Promise<ConnectionTest> {
    if (type === 'external' && !this.#settings.external) {
      return { is_connected: false, response: 'external source is not configured' };
    }
    try {
      return await this.#adapter(type).guarded.testConnection();
    } catch (err) {
      return { is_connected: false, response: err instanceof Error ? err.message : String(err) };
    }
  }

  setEnabled(enabled: boolean): Promise<void> {
    return this.#mutate(async () => {
      await this.#commit({ ...this.#settings, is_enabled: enabled });
    });
  }

  /** Validates per vendor (a factory throws 400 without I/O), persists, and activates at once. */
  setSource(type: SourceType, body: DbSourceBody): Promise<void> {
    return this.#mutate(async () => {
      const description = body.description ?? '';
      if (type === 'internal') {
        if (body.db_vendor !== 'influx_v1.x') {
          throw badRequest('db_vendor: the internal source is InfluxDB 1.x; use influx_v1.x');
        }
        const internal = nextInternal(this.#settings.internal, body, this.#config);
        const connection = internalConnection(internal, this.#config);
        await this.#faults?.prepare(connection.uri);
        await this.#switchTo('internal', connection, { ...this.#settings, source: 'internal', internal });
        return;
      }
      const external: ExternalSettings = {
        vendor: body.db_vendor,
        uri: body.db_uri ?? '',
        name: body.name,
        description,
        username: body.db_username,
        password: body.db_password,
        token: body.db_influx2_auth_token,
        org: body.db_influx2_org_name,
      };
      await this.#faults?.prepare(external.uri);
      await this.#switchTo('external', externalConnection(external), { ...this.#settings, source: 'external', external });
    });
  }

  /** Persists `next` and makes `connection` the source's adapter, swapped only once the settings are on
   *  disk, so a failed save changes nothing. A PUT of the external source always connects anew (as it did
   *  before); the internal one keeps its adapter while the connection is the same (only `name` changed). */
  async #switchTo(type: SourceType, connection: SourceConnection, next: TsdbSettings): Promise<void> {
    const previous = this.#built.get(type);
    if (type === 'internal' && previous && sameConnection(previous.connection, connection)) {
      await this.#commit(next);
      return;
    }
    const kept = connection.vendor === 'embedded' ? this.#keptEmbedded : undefined;
    const built = kept ?? this.#build(type, connection);
    try {
      await this.#commit(next);
    } catch (err) {
      if (!kept) await built.raw.close();
      throw err;
    }
    this.#built.set(type, built);
    if (kept) this.#keptEmbedded = undefined;
    // The embedded engine stays open while the internal source points elsewhere: the Influx API on
    // INFLUX_PORT holds it, and pointing back must find the same adapter.
    if (previous?.connection.vendor === 'embedded') this.#keptEmbedded = previous;
    else if (previous) await this.#closeQuietly(previous.raw);
  }

  /** Every adapter this manager holds, for the paths that close them all. */
  #takeAll(): Built[] {
    const all = [...this.#built.values(), ...(this.#keptEmbedded ? [this.#keptEmbedded] : [])];
    this.#built.clear();
    this.#keptEmbedded = undefined;
    return all;
  }

  /** Rebuilds every adapter through the emulator's fault layer, or back without it (undefined). */
  setFaultLayer(layer: SourceFaultLayer | undefined): Promise<void> {
    return this.#mutate(async () => {
      if (layer) {
        await layer.prepare(internalConnection(this.#settings.internal, this.#config).uri);
        if (this.#settings.external) await layer.prepare(this.#settings.external.uri);
      }
      this.#faults = layer;
      const old = this.#takeAll();
      this.#adapter('internal');
      await Promise.all(old.map((b) => this.#closeQuietly(b.raw)));
    });
  }

  /** Runs `work` between two settings changes, so what it reads of the state is of one moment (snapshots). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    let result: T;
    return this.#mutate(async () => {
      result = await work();
    }).then(() => result);
  }

  /**
   * Closes every adapter, runs `work` (which may replace DATA_DIR's state files), then reloads settings and
   * secrets and rebuilds. Meanwhile every call answers 503 (the data plane buffers), and nothing opens files.
   */
  replaceState(work: () => Promise<void>): Promise<void> {
    return this.#mutate(async () => {
      const connection = internalConnection(this.#settings.internal, this.#config);
      const raw = suspendedAdapter(connection.vendor);
      this.#suspended = { connection, raw, guarded: raw };
      const old = this.#takeAll();
      await Promise.all(old.map((b) => this.#closeQuietly(b.raw)));
      try {
        await work();
      } finally {
        this.#settings = await this.#store.load();
        await this.#secretFile.reload();
        this.#suspended = undefined;
        this.#adapter('internal');
      }
    });
  }

  /** Throws unless the settings and secrets documents open with this server's key (checked before a restore). */
  checkStateFiles(settings: unknown, secrets: unknown): void {
    if (settings !== undefined) parseSettings(settings, this.#box, initialInternal(this.#config));
    if (secrets !== undefined) FileSecretStore.check(secrets, this.#box);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => undefined);
    const all = this.#takeAll();
    await Promise.all(all.map((b) => this.#closeQuietly(b.raw)));
  }

  async #commit(next: TsdbSettings): Promise<void> {
    await this.#store.save(next);
    this.#settings = next;
  }

  #mutate(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #adapter(type: SourceType): Built {
    if (this.#suspended) return this.#suspended;
    const cached = this.#built.get(type);
    if (cached) return cached;
    const connection =
      type === 'internal'
        ? internalConnection(this.#settings.internal, this.#config)
        : externalConnection(this.#requireExternal());
    const built = this.#build(type, connection);
    this.#built.set(type, built);
    return built;
  }

  #requireExternal(): ExternalSettings {
    const e = this.#settings.external;
    if (!e) throw badRequest('external source is not configured; PUT /stats/tsdb/dbsource/external first');
    return e;
  }

  #build(type: SourceType, connection: SourceConnection): Built {
    const context: AdapterContext = {
      dataDir: this.#config.dataDir,
      timeoutMs: this.#config.upstreamTimeoutMs,
      // Fastify's logger is a pino instance; its declared type is only narrower.
      logger: this.#logger.child({ source: type, vendor: connection.vendor }) as Logger,
      secrets: this.secrets,
      ioFault: this.#faults?.ioFault,
      retentionNs: this.#config.embeddedRetentionNs,
    };
    const faults = this.#faults;
    const reached = faults && connection.vendor !== 'embedded' ? { ...connection, uri: faults.uri(connection.uri) } : connection;
    const raw = registry[connection.vendor].create(reached, context);
    const label = describeSource(type, connection);
    return { connection, raw, guarded: guardAdapter(raw, this.#config.upstreamTimeoutMs, label) };
  }

  async #closeQuietly(adapter: TsdbAdapter): Promise<void> {
    try {
      await adapter.close();
    } catch (err) {
      this.#logger.warn({ err, vendor: adapter.vendor }, 'closing an adapter failed');
    }
  }
}
