// The InfluxDB 1.x adapter: every control-plane operation as InfluxQL over HTTP (notes §1.3), with the
// existence checks InfluxDB's silent no-ops need, the document's additive grants, and batched writes.
import type { Logger } from 'pino';
import { conflict, notFound } from '../../../errors.ts';
import { byCodeUnit } from '../../../compare.ts';
import type {
  AdapterContext,
  ConnectionTest,
  DatabaseInfo,
  Point,
  SourceConnection,
  TsdbAdapter,
} from '../../adapter.ts';
import { checkMeasurement, checkName } from '../../names.ts';
import { qIdent } from '../../../influxql/quote.ts';
import { firstColumn, shardBytesByDatabase } from './results.ts';
import { showMany } from './show.ts';
import { InfluxEndpoint } from './endpoint.ts';
import { InfluxHttp } from './transport.ts';
import { DelegatesUsers } from '../user-admin.ts';
import { InfluxUsers } from './users.ts';
import { InfluxWrites } from './write/index.ts';

/** Databases InfluxDB keeps for itself; hidden from listings and treated as absent by every operation. */
export const HIDDEN_DATABASES: ReadonlySet<string> = new Set(['_internal']);

export class InfluxV1Adapter extends DelegatesUsers implements TsdbAdapter {
  readonly vendor = 'influx_v1.x' as const;
  readonly #http: InfluxHttp;
  protected readonly users: InfluxUsers;
  readonly #log: Logger;
  readonly #writes: InfluxWrites;
  /** The size fallback is logged once per adapter, not on every listing. */
  #sizeFallbackLogged = false;

  constructor(connection: SourceConnection, context: AdapterContext) {
    super();
    const endpoint = new InfluxEndpoint({
      uri: connection.uri,
      username: connection.username,
      password: connection.password,
      timeoutMs: context.timeoutMs,
    });
    this.#http = new InfluxHttp(endpoint);
    this.#log = context.logger.child({ source: endpoint.source });
    this.#writes = new InfluxWrites(endpoint);
    this.users = new InfluxUsers(this.#http, connection.username, (db) => this.#requireDatabases(db));
  }

  async testConnection(): Promise<ConnectionTest> {
    try {
      const version = await this.#http.ping();
      // /ping never checks credentials; SHOW DATABASES proves them.
      await this.#http.exec('SHOW DATABASES');
      return { is_connected: true, response: `InfluxDB v${version ?? 'unknown'}` };
    } catch (err) {
      return { is_connected: false, response: err instanceof Error ? err.message : String(err) };
    }
  }

  async listDatabases(): Promise<DatabaseInfo[]> {
    const names = await this.#databaseNames();
    if (names.length === 0) return [];
    const measurements = await showMany(
      this.#http,
      names.map((n) => `SHOW MEASUREMENTS ON ${qIdent(n)}`),
    );
    const sizes = await this.#sizes();
    const out: DatabaseInfo[] = [];
    names.forEach((name, i) => {
      const r = measurements[i];
      // Dropped between the two requests: it no longer exists, so it is not listed.
      if (r?.error?.startsWith('database not found')) return;
      if (r?.error !== undefined) throw this.#http.statementError(r.error);
      out.push({ name, size: sizes.get(name) ?? 0, measurements: firstColumn(r).sort(byCodeUnit) });
    });
    return out;
  }

  async createDatabase(name: string): Promise<void> {
    checkName('database', name);
    if ((await this.#allDatabaseNames()).includes(name)) {
      // CREATE DATABASE on an existing name is a silent success in InfluxDB; uniqueness needs this check.
      throw conflict(`database ${JSON.stringify(name)} already exists on ${this.#http.source}`);
    }
    await this.#http.exec(`CREATE DATABASE ${qIdent(name)}`);
  }

  async dropDatabase(name: string): Promise<void> {
    checkName('database', name);
    await this.#requireDatabases([name]);
    await this.#http.exec(`DROP DATABASE ${qIdent(name)}`);
  }

  async dropMeasurement(database: string, measurement: string): Promise<void> {
    checkName('database', database);
    checkMeasurement(measurement);
    await this.#requireDatabases([database]);
    // Compared here rather than with WITH MEASUREMENT = ..., so no name is ever read as a pattern.
    const existing = firstColumn(await this.#http.exec(`SHOW MEASUREMENTS ON ${qIdent(database)}`));
    if (!existing.includes(measurement)) {
      throw notFound(`measurement ${JSON.stringify(measurement)} not found in database ${JSON.stringify(database)} on ${this.#http.source}`);
    }
    // `DROP MEASUREMENT … ON db` is a parse error on 1.x; the database goes in the db form field.
    await this.#http.exec(`DROP MEASUREMENT ${qIdent(measurement)}`, { db: database });
  }

  async writePoints(database: string, points: Point[]): Promise<void> {
    checkName('database', database);
    await this.#writes.write(database, points);
  }

  async close(): Promise<void> {
    this.#http.close();
    this.#writes.close();
  }

  async #allDatabaseNames(): Promise<string[]> {
    return firstColumn(await this.#http.exec('SHOW DATABASES'));
  }

  async #databaseNames(): Promise<string[]> {
    return (await this.#allDatabaseNames()).filter((n) => !HIDDEN_DATABASES.has(n)).sort(byCodeUnit);
  }

  /** 404 naming the first missing (or hidden) database; the silent no-op DROPs need this first. */
  async #requireDatabases(names: readonly string[]): Promise<void> {
    const existing = new Set(await this.#databaseNames());
    const missing = names.find((n) => !existing.has(n));
    if (missing !== undefined) {
      throw notFound(`database ${JSON.stringify(missing)} not found on ${this.#http.source}`);
    }
  }

  /**
   * Bytes per database from SHOW STATS FOR 'shard' (in-memory, so it works with the monitor store off).
   * It needs admin rights; without them every size is 0, logged once, rather than a guess.
   */
  async #sizes(): Promise<Map<string, number>> {
    try {
      const [r] = await this.#http.query(`SHOW STATS FOR 'shard'`);
      if (r?.error !== undefined) throw this.#http.statementError(r.error);
      return shardBytesByDatabase(r);
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 503) throw err;
      if (!this.#sizeFallbackLogged) {
        this.#sizeFallbackLogged = true;
        this.#log.warn({ err }, 'SHOW STATS failed (is the account an admin?); database sizes reported as 0');
      }
      return new Map();
    }
  }
}
