// The I/O shell around @influxdata/influxdb-client(-apis): one InfluxDB client per adapter (token and
// timeout on every call), the org ID resolved once and cached, paged bucket listing, and the raw
// transport for what the generated APIs do not wrap (/private/legacy/authorizations, /metrics).
import { InfluxDB, flux, fluxDateTime } from '@influxdata/influxdb-client';
import { BucketsAPI, DeleteAPI, HealthAPI, OrgsAPI } from '@influxdata/influxdb-client-apis';
import type { Bucket } from '@influxdata/influxdb-client-apis';
import { badGateway, type AppError } from '../../../errors.ts';
import { mapUpstreamError } from './errors.ts';
import type { Permission } from './permissions.ts';

/** The API's maximum page; the default (20) would silently truncate bigger orgs. */
const PAGE = 100;
// schema.measurements() defaults to start: -30d; 1970 covers every epoch-millisecond point we write.
const MEASUREMENTS_START = '1970-01-01T00:00:00Z';

export interface LegacyAuthorization {
  id: string;
  token: string;
  description?: string;
  status?: 'active' | 'inactive';
  permissions: Permission[];
}

export interface UserBucket {
  id: string;
  name: string;
}

export class Upstream {
  readonly influx: InfluxDB;
  readonly source: string;
  readonly timeoutMs: number;
  readonly #org: string;
  readonly #buckets: BucketsAPI;
  readonly #orgs: OrgsAPI;
  #orgID: Promise<string> | undefined;

  constructor(url: string, token: string, org: string, timeoutMs: number) {
    this.influx = new InfluxDB({ url, token, timeout: timeoutMs });
    this.source = `InfluxDB at ${new URL(url).origin}`;
    this.timeoutMs = timeoutMs;
    this.#org = org;
    this.#buckets = new BucketsAPI(this.influx);
    this.#orgs = new OrgsAPI(this.influx);
  }

  error(err: unknown): AppError {
    return mapUpstreamError(this.source, err, this.timeoutMs);
  }

  /** Runs `fn`, turning any client failure into the AppError the error handler expects. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.error(err);
    }
  }

  health() {
    return this.call(() => new HealthAPI(this.influx).getHealth());
  }

  /** Cached after the first success; a failure is not cached, so a fixed setting works on the next call. */
  orgID(): Promise<string> {
    this.#orgID ??= this.#lookupOrg().catch((err: unknown) => {
      this.#orgID = undefined;
      throw err;
    });
    return this.#orgID;
  }

  async #lookupOrg(): Promise<string> {
    const orgs = await this.call(() => this.#orgs.getOrgs({ org: this.#org })).catch((err: AppError) => {
      // A missing org is our setting's fault, never a 404 for the caller's resource.
      throw err.statusCode === 404 ? badGateway(`${this.source}: organization "${this.#org}" not found`) : err;
    });
    const id = orgs.orgs?.find((o) => o.name === this.#org)?.id ?? orgs.orgs?.[0]?.id;
    if (!id) throw badGateway(`${this.source}: organization "${this.#org}" not found`);
    return id;
  }

  /** User buckets (system ones hidden), in server order; follows `after` until a short page. */
  async listBuckets(): Promise<UserBucket[]> {
    const orgID = await this.orgID();
    const out: UserBucket[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.call(() => this.#buckets.getBuckets({ orgID, limit: PAGE, ...(after ? { after } : {}) }));
      const buckets: Bucket[] = page.buckets ?? [];
      for (const b of buckets) {
        if (b.id && b.type !== 'system' && !b.name.startsWith('_')) out.push({ id: b.id, name: b.name });
      }
      after = buckets.at(-1)?.id;
      if (buckets.length < PAGE || !after) return out;
    }
  }

  /** By exact name; a name filter that matches nothing answers 404 on some versions, [] on others. */
  async findBucket(name: string): Promise<UserBucket | undefined> {
    const orgID = await this.orgID();
    try {
      const page = await this.call(() => this.#buckets.getBuckets({ orgID, name }));
      const b = page.buckets?.find((x) => x.name === name && x.type !== 'system');
      return b?.id ? { id: b.id, name: b.name } : undefined;
    } catch (err) {
      if ((err as AppError).statusCode === 404) return undefined;
      throw err;
    }
  }

  async createBucket(name: string): Promise<void> {
    const orgID = await this.orgID();
    // Empty retentionRules = infinite retention, like a 1.x database's autogen policy.
    await this.call(() => this.#buckets.postBuckets({ body: { orgID, name, description: '', retentionRules: [] } }));
  }

  async deleteBucket(id: string): Promise<void> {
    await this.call(() => this.#buckets.deleteBucketsID({ bucketID: id }));
  }

  async measurements(bucket: string): Promise<string[]> {
    const orgID = await this.orgID();
    // The flux template quotes and escapes the bucket name (\, ", ${, newlines) as a Flux string literal.
    const query = flux`import "influxdata/influxdb/schema"
schema.measurements(bucket: ${bucket}, start: ${fluxDateTime(MEASUREMENTS_START)})`;
    const rows = await this.call(() => this.influx.getQueryApi(orgID).collectRows<{ _value: string }>(query));
    return rows.map((r) => String(r._value)).sort();
  }

  async deletePoints(bucketID: string, predicate: string, start: string, stop: string): Promise<void> {
    const orgID = await this.orgID();
    await this.call(() => new DeleteAPI(this.influx).postDelete({ orgID, bucketID, body: { start, stop, predicate } }));
  }

  /** Raw call through the client's transport (same token, timeout and HttpError as the generated APIs). */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    return this.call(() => this.influx.transport.request(path, body ?? '', { method, headers }) as Promise<T>);
  }

  async metricsText(): Promise<string> {
    const out: unknown = await this.request('GET', '/metrics');
    if (typeof out === 'string') return out;
    if (out instanceof Uint8Array) return Buffer.from(out).toString('utf8');
    return '';
  }
}
