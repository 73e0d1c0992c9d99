// DB users on InfluxDB 2.x = v1-compatible legacy authorizations (notes §2.3): the `token` field is the
// username. Their permissions are immutable upstream, so grant/revoke delete and re-create the
// authorization and restore its password, which we keep (sealed) in the SecretStore from create/reset.
import type { Logger } from 'pino';
import { byCodeUnit } from '../../../compare.ts';
import { conflict, notFound, type AppError } from '../../../errors.ts';
import type { DbUser, Grant, Privilege, RevocablePrivilege, SecretStore } from '../../adapter.ts';
import { checkName, checkPassword } from '../../names.ts';
import {
  afterGrant, afterRevoke, checkCreateUser, checkPrivilege, checkRevocable, grantBitsByDatabase, type PrivilegeBits,
} from '../../privileges.ts';
import { bucketBits, buildPermissions, grantsOf, type Permission } from './permissions.ts';
import type { LegacyAuthorization, Upstream } from './upstream.ts';

const BASE = '/private/legacy/authorizations';

interface AuthList {
  authorizations?: LegacyAuthorization[];
}

export class LegacyUsers {
  readonly #up: Upstream;
  readonly #secrets: SecretStore;
  readonly #log: Logger;
  /** Prefix of this source's secret keys, so two servers' users named alike never share a password. */
  readonly #keyPrefix: string;

  constructor(up: Upstream, secrets: SecretStore, log: Logger, keyPrefix: string) {
    this.#up = up;
    this.#secrets = secrets;
    this.#log = log;
    this.#keyPrefix = keyPrefix;
  }

  #key(user: string): string {
    return `${this.#keyPrefix}user:${user}`;
  }

  async list(): Promise<DbUser[]> {
    const orgID = await this.#up.orgID();
    const [res, buckets] = await Promise.all([
      this.#up.request<AuthList>('GET', `${BASE}?${new URLSearchParams({ orgID }).toString()}`),
      this.#up.listBuckets(),
    ]);
    const names = new Map(buckets.map((b) => [b.id, b.name]));
    return (res.authorizations ?? [])
      .filter((a) => typeof a.token === 'string' && a.token !== '')
      .map((a) => ({ name: a.token, grants: grantsOf(a.permissions ?? [], names) }))
      .sort((a, b) => byCodeUnit(a.name, b.name));
  }

  async #find(user: string): Promise<LegacyAuthorization | undefined> {
    const orgID = await this.#up.orgID();
    try {
      const res = await this.#up.request<AuthList>('GET', `${BASE}?${new URLSearchParams({ orgID, token: user }).toString()}`);
      return res.authorizations?.find((a) => a.token === user);
    } catch (err) {
      // A token filter that matches nothing is a 404 upstream (v1/authorization service).
      if ((err as AppError).statusCode === 404) return undefined;
      throw err;
    }
  }

  async #mustFind(user: string): Promise<LegacyAuthorization> {
    checkName('user', user);
    const auth = await this.#find(user);
    if (!auth) throw notFound(`DB user "${user}" not found`);
    return auth;
  }

  async #bucketId(database: string): Promise<string> {
    checkName('database', database);
    const bucket = await this.#up.findBucket(database);
    if (!bucket) throw notFound(`database "${database}" not found`);
    return bucket.id;
  }

  async #post(user: string, description: string, permissions: Permission[], password: string): Promise<void> {
    const orgID = await this.#up.orgID();
    const created = await this.#up.request<LegacyAuthorization>('POST', BASE, {
      orgID, token: user, description, permissions,
    });
    try {
      await this.#up.request('POST', `${BASE}/${encodeURIComponent(created.id)}/password`, { password });
    } catch (err) {
      // Without its password the credential is useless; do not leave it behind.
      await this.#up.request('DELETE', `${BASE}/${encodeURIComponent(created.id)}`).catch(() => undefined);
      throw err;
    }
  }

  async create(user: string, password: string, grants: Grant[]): Promise<void> {
    checkCreateUser(user, password, grants);
    // By bucket ID: distinct names are distinct buckets, so adding up by name first is the same.
    const bits = new Map<string, PrivilegeBits>();
    for (const [database, b] of grantBitsByDatabase(grants)) bits.set(await this.#bucketId(database), b);
    if (await this.#find(user)) throw conflict(`DB user "${user}" already exists`);
    const orgID = await this.#up.orgID();
    await this.#post(user, `datahub:${user}`, buildPermissions(orgID, bits), password);
    await this.#secrets.set(this.#key(user), password);
  }

  async grant(user: string, database: string, privilege: Privilege): Promise<void> {
    checkPrivilege(privilege);
    return this.#change(user, database, (had) => afterGrant(had, privilege));
  }

  async revoke(user: string, database: string, privilege: RevocablePrivilege): Promise<void> {
    checkRevocable(privilege);
    return this.#change(user, database, (had) => afterRevoke(had, privilege));
  }

  async #change(user: string, database: string, next: (had: PrivilegeBits) => PrivilegeBits): Promise<void> {
    checkName('database', database);
    const auth = await this.#mustFind(user);
    const bucketId = await this.#bucketId(database);
    const live = new Set((await this.#up.listBuckets()).map((b) => b.id));
    const bits = new Map([...bucketBits(auth.permissions ?? [])].filter(([id]) => live.has(id)));
    const had = bits.get(bucketId) ?? 0;
    const now = next(had);
    if (had === now) return;
    const password = this.#secrets.get(this.#key(user));
    if (password === undefined) {
      throw conflict(
        `the password of DB user "${user}" is not known to the emulator (the user was created outside it); ` +
          'InfluxDB 2.x cannot change permissions in place, so reset the password through this API first',
      );
    }
    bits.set(bucketId, now);
    const orgID = await this.#up.orgID();
    const description = auth.description ?? `datahub:${user}`;
    await this.#up.request('DELETE', `${BASE}/${encodeURIComponent(auth.id)}`);
    try {
      await this.#post(user, description, buildPermissions(orgID, bits, auth.permissions), password);
    } catch (err) {
      // Put the old authorization back rather than leave the user locked out.
      await this.#post(user, description, buildPermissions(orgID, bucketBits(auth.permissions ?? []), auth.permissions), password)
        .catch((restoreErr: unknown) => this.#log.error({ err: restoreErr, user }, 'could not restore legacy authorization'));
      throw err;
    }
  }

  async setPassword(user: string, password: string): Promise<void> {
    checkPassword(password);
    const auth = await this.#mustFind(user);
    await this.#up.request('POST', `${BASE}/${encodeURIComponent(auth.id)}/password`, { password });
    await this.#secrets.set(this.#key(user), password);
  }

  async drop(user: string): Promise<void> {
    const auth = await this.#mustFind(user);
    await this.#up.request('DELETE', `${BASE}/${encodeURIComponent(auth.id)}`);
    await this.#secrets.delete(this.#key(user));
  }
}
