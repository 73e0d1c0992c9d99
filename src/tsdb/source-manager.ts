// The TSDB control plane's state: which source is active, whether persistence is on, and one cached
// adapter per source (source-adapters.ts), rebuilt only when that source's settings change. Also the
// data plane's ActiveTargetProvider.
//
// PUT /stats/tsdb/dbsource/internal: db_vendor must be `influx_v1.x` (what a device's internal DB is);
// db_uri naming the emulator's own InfluxDB API is the embedded engine, any other address that InfluxDB
// 1.x server (internal-source.ts). INTERNAL_INFLUX_URL/USERNAME/PASSWORD only set the first start's.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { badRequest } from '../errors.ts';
import type { DbSourceBody } from '../schemas/tsdb.ts';
import { FileSecretStore } from '../secrets/file-secret-store.ts';
import { createSecretBox, loadSecretKey, type SecretBox } from '../secrets/secret-box.ts';
import type { ActiveTarget, ActiveTargetProvider } from './active-target.ts';
import type { ConnectionTest, SecretStore, TsdbAdapter } from './adapter.ts';
import { EmbeddedAdapter } from './adapters/embedded/index.ts';
import { initialInternal, internalConnection, nextInternal } from './internal-source.ts';
import { type ExternalSettings, parseSettings, type SourceType, SettingsStore, type TsdbSettings } from './settings-store.ts';
import { SourceAdapters } from './source-adapters.ts';
import { externalConnection, externalSettings, type BuiltSource, type SourceFaultLayer } from './source-build.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The TSDB control plane (set by buildApp); tests and the data plane reach the adapters through it. */
    sources: SourceManager;
  }
}

export class SourceManager implements ActiveTargetProvider {
  readonly secrets: SecretStore;
  readonly #config: Config;
  readonly #store: SettingsStore;
  #settings: TsdbSettings;
  readonly #adapters: SourceAdapters;
  // Settings changes run one at a time so the file, the open adapters and memory never disagree.
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  readonly #secretFile: FileSecretStore;
  readonly #box: SecretBox;

  private constructor(config: Config, logger: FastifyBaseLogger, store: SettingsStore, secrets: FileSecretStore, settings: TsdbSettings, box: SecretBox) {
    this.#secretFile = secrets;
    this.#box = box;
    this.#config = config;
    this.#store = store;
    this.secrets = secrets;
    this.#settings = settings;
    this.#adapters = new SourceAdapters({ config, logger, secrets });
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
      if (type === 'internal') {
        if (body.db_vendor !== 'influx_v1.x') {
          throw badRequest('db_vendor: the internal source is InfluxDB 1.x; use influx_v1.x');
        }
        const internal = nextInternal(this.#settings.internal, body, this.#config);
        const connection = internalConnection(internal, this.#config);
        await this.#adapters.faults?.prepare(connection.uri);
        await this.#adapters.switchTo('internal', connection, () => this.#commit({ ...this.#settings, source: 'internal', internal }));
        return;
      }
      const external = externalSettings(body);
      await this.#adapters.faults?.prepare(external.uri);
      const next: TsdbSettings = { ...this.#settings, source: 'external', external };
      await this.#adapters.switchTo('external', externalConnection(external), () => this.#commit(next));
    });
  }

  /** Rebuilds every adapter through the emulator's fault layer, or back without it (undefined). */
  setFaultLayer(layer: SourceFaultLayer | undefined): Promise<void> {
    return this.#mutate(async () => {
      if (layer) {
        await layer.prepare(internalConnection(this.#settings.internal, this.#config).uri);
        if (this.#settings.external) await layer.prepare(this.#settings.external.uri);
      }
      const old = this.#adapters.setFaults(layer);
      this.#adapter('internal');
      await this.#adapters.closeAll(old);
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
      await this.#adapters.closeAll(this.#adapters.suspend(internalConnection(this.#settings.internal, this.#config)));
      try {
        await work();
      } finally {
        this.#settings = await this.#store.load();
        await this.#secretFile.reload();
        this.#adapters.resume();
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
    await this.#adapters.closeAll(this.#adapters.takeAll());
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

  #adapter(type: SourceType): BuiltSource {
    return this.#adapters.get(type, () =>
      type === 'internal' ? internalConnection(this.#settings.internal, this.#config) : externalConnection(this.#requireExternal()),
    );
  }

  #requireExternal(): ExternalSettings {
    const e = this.#settings.external;
    if (!e) throw badRequest('external source is not configured; PUT /stats/tsdb/dbsource/external first');
    return e;
  }
}
