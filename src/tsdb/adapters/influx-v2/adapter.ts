// The `influx_v2.x` adapter: databases are buckets (infinite retention), measurements come from
// schema.measurements() over all time, sizes from /metrics, DB users from legacy authorizations.
import { byCodeUnit } from '../../../compare.ts';
import { AppError, badRequest, notFound } from '../../../errors.ts';
import { qIdent } from '../../../influxql/quote.ts';
import type {
  AdapterContext, ConnectionTest, DatabaseInfo, Point, SourceConnection, TsdbAdapter,
} from '../../adapter.ts';
import { checkMeasurement, checkName, invalidNameReason } from '../../names.ts';
import { hasShardSizes, shardSizesByBucket } from './metrics.ts';
import { Upstream } from './upstream.ts';
import { DelegatesUsers } from '../user-admin.ts';
import { LegacyUsers } from './users.ts';
import { writeViaClient } from './write.ts';

// Inside 2.x's accepted range (1677-09-21T00:12:43.145224194Z … 2262-04-11T23:47:16.854775806Z), with margin.
const DELETE_START = '1677-09-22T00:00:00Z';
const DELETE_STOP = '2262-04-11T00:00:00Z';

/** A predicate value is an InfluxQL double-quoted string (2.x predicate parser uses its scanner). */
export function measurementPredicate(measurement: string): string {
  return `_measurement=${qIdent(measurement)}`;
}

/** 2.x bucket rules on top of the shared name rules: `_` prefix is reserved, `"` is refused. */
export function invalidBucketReason(name: string): string | undefined {
  const reason = invalidNameReason('database', name);
  if (reason) return reason;
  if (name.startsWith('_')) return 'invalid database name: InfluxDB 2.x reserves names starting with "_"';
  if (name.includes('"')) return 'invalid database name: InfluxDB 2.x bucket names may not contain "';
  return undefined;
}

export class InfluxV2Adapter extends DelegatesUsers implements TsdbAdapter {
  readonly vendor = 'influx_v2.x' as const;
  readonly #up: Upstream;
  protected readonly users: LegacyUsers;
  readonly #ctx: AdapterContext;
  #sizeGapLogged = false;

  constructor(connection: SourceConnection & { token: string; org: string }, context: AdapterContext) {
    super();
    this.#ctx = context;
    this.#up = new Upstream(connection.uri, connection.token, connection.org, context.timeoutMs);
    const keyPrefix = `influx_v2.x:${new URL(connection.uri).origin}:${connection.org}:`;
    this.users = new LegacyUsers(this.#up, context.secrets, context.logger, keyPrefix);
  }

  async testConnection(): Promise<ConnectionTest> {
    try {
      const health = await this.#up.health();
      // /health needs no token; the org lookup proves both the token and the org name.
      await this.#up.orgID();
      const version = String(health.version ?? '').replace(/^v/, '');
      return { is_connected: true, response: `InfluxDB v${version || 'unknown'}` };
    } catch (err) {
      return { is_connected: false, response: this.#up.error(err).message };
    }
  }

  async listDatabases(): Promise<DatabaseInfo[]> {
    const buckets = await this.#up.listBuckets();
    const [sizes, measurements] = await Promise.all([
      this.#sizes(),
      Promise.all(buckets.map((b) => this.#up.measurements(b.name))),
    ]);
    return buckets
      .map((b, i) => ({ name: b.name, size: sizes?.get(b.id) ?? 0, measurements: measurements[i] ?? [] }))
      .sort((a, b) => byCodeUnit(a.name, b.name));
  }

  /** Bytes per bucket ID, or undefined (sizes reported as 0) when /metrics cannot tell. */
  async #sizes(): Promise<Map<string, number> | undefined> {
    let reason: string;
    try {
      const text = await this.#up.metricsText();
      if (hasShardSizes(text)) return shardSizesByBucket(text);
      reason = 'storage_shard_disk_size is not in /metrics';
    } catch (err) {
      reason = (err as AppError).message;
    }
    if (!this.#sizeGapLogged) {
      this.#sizeGapLogged = true;
      this.#ctx.logger.warn({ reason }, 'InfluxDB 2.x bucket sizes unavailable; reporting size 0');
    }
    return undefined;
  }

  async createDatabase(name: string): Promise<void> {
    const reason = invalidBucketReason(name);
    if (reason) throw badRequest(reason);
    await this.#up.createBucket(name);
  }

  async #bucket(name: string) {
    checkName('database', name);
    const bucket = await this.#up.findBucket(name);
    if (!bucket) throw notFound(`database "${name}" not found`);
    return bucket;
  }

  async dropDatabase(name: string): Promise<void> {
    await this.#up.deleteBucket((await this.#bucket(name)).id);
  }

  async dropMeasurement(database: string, measurement: string): Promise<void> {
    checkName('database', database);
    checkMeasurement(measurement);
    const bucket = await this.#bucket(database);
    if (!(await this.#up.measurements(bucket.name)).includes(measurement)) {
      throw notFound(`measurement "${measurement}" not found in database "${database}"`);
    }
    await this.#up.deletePoints(bucket.id, measurementPredicate(measurement), DELETE_START, DELETE_STOP).catch(
      (err: AppError) => {
        // With correct escaping a refused predicate is our bug, not the caller's input.
        throw err.statusCode === 400 ? new AppError(500, err.message, { cause: err }) : err;
      },
    );
  }

  async writePoints(database: string, points: Point[]): Promise<void> {
    checkName('database', database);
    if (points.length === 0) return;
    const orgID = await this.#up.orgID();
    await this.#up.call(() => writeViaClient(this.#up.influx, orgID, database, points));
  }

  async close(): Promise<void> {
    // The client holds no pooled sockets or timers between calls; each WriteApi is disposed per call.
  }
}
