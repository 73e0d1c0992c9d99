// The open adapters of the TSDB sources: one per source, built on first use; the embedded engine kept
// open while the internal source points elsewhere; a 503 stand-in while the state files are replaced.
import type { SourceConnection, TsdbAdapter } from './adapter.ts';
import type { SourceType } from './settings-store.ts';
import { buildSource, sameConnection, type BuildDeps, type BuiltSource, type SourceFaultLayer } from './source-build.ts';
import { suspendedAdapter } from './suspended-adapter.ts';

export class SourceAdapters {
  readonly #deps: Omit<BuildDeps, 'faults'>;
  #faults: SourceFaultLayer | undefined;
  readonly #built = new Map<SourceType, BuiltSource>();
  #keptEmbedded: BuiltSource | undefined;
  /** While the emulator replaces the state files, every adapter answers 503 and nothing opens files. */
  #suspended: BuiltSource | undefined;

  constructor(deps: Omit<BuildDeps, 'faults'>) {
    this.#deps = deps;
  }

  get faults(): SourceFaultLayer | undefined {
    return this.#faults;
  }

  /** The source's adapter; built from `connection()` when there is none yet. */
  get(type: SourceType, connection: () => SourceConnection): BuiltSource {
    if (this.#suspended) return this.#suspended;
    const cached = this.#built.get(type);
    if (cached) return cached;
    const built = this.#build(type, connection());
    this.#built.set(type, built);
    return built;
  }

  /** Makes `connection` the source's adapter, swapped only once `commit` (the settings on disk) succeeds,
   *  so a failed save changes nothing. A PUT of the external source always connects anew (as it did
   *  before); the internal one keeps its adapter while the connection is the same (only `name` changed). */
  async switchTo(type: SourceType, connection: SourceConnection, commit: () => Promise<void>): Promise<void> {
    const previous = this.#built.get(type);
    if (type === 'internal' && previous && sameConnection(previous.connection, connection)) {
      await commit();
      return;
    }
    const kept = connection.vendor === 'embedded' ? this.#keptEmbedded : undefined;
    const built = kept ?? this.#build(type, connection);
    try {
      await commit();
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

  /** From now on adapters are built through `layer` (or without one); returns the old ones for closeAll. */
  setFaults(layer: SourceFaultLayer | undefined): BuiltSource[] {
    this.#faults = layer;
    return this.takeAll();
  }

  /** Every call answers 503 through a stand-in of `vendor` until resume(); returns the adapters to close. */
  suspend(connection: SourceConnection): BuiltSource[] {
    const raw = suspendedAdapter(connection.vendor);
    this.#suspended = { connection, raw, guarded: raw };
    return this.takeAll();
  }

  resume(): void {
    this.#suspended = undefined;
  }

  /** Every adapter held, forgotten here: the caller closes them (closeAll). */
  takeAll(): BuiltSource[] {
    const all = [...this.#built.values(), ...(this.#keptEmbedded ? [this.#keptEmbedded] : [])];
    this.#built.clear();
    this.#keptEmbedded = undefined;
    return all;
  }

  async closeAll(built: BuiltSource[]): Promise<void> {
    await Promise.all(built.map((b) => this.#closeQuietly(b.raw)));
  }

  #build(type: SourceType, connection: SourceConnection): BuiltSource {
    return buildSource(type, connection, { ...this.#deps, faults: this.#faults });
  }

  async #closeQuietly(adapter: TsdbAdapter): Promise<void> {
    try {
      await adapter.close();
    } catch (err) {
      this.#deps.logger.warn({ err, vendor: adapter.vendor }, 'closing an adapter failed');
    }
  }
}
