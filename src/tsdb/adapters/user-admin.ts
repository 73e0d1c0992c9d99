// The DB-user half of the adapter contract for adapters that keep it in a users module of their own
// (influx-v1/users.ts, influx-v2/users.ts): the six methods hand over to it, written once here.
import type { DbUser, Grant, Privilege, RevocablePrivilege, TsdbAdapter } from '../adapter.ts';

/** A vendor's DB-user operations: the contract's methods (and their documented statuses) by shorter names. */
export interface UserAdmin {
  list: TsdbAdapter['listUsers'];
  create: TsdbAdapter['createUser'];
  grant: TsdbAdapter['grant'];
  revoke: TsdbAdapter['revoke'];
  setPassword: TsdbAdapter['setPassword'];
  drop: TsdbAdapter['dropUser'];
}

type UserMethods = Pick<TsdbAdapter, 'listUsers' | 'createUser' | 'grant' | 'revoke' | 'setPassword' | 'dropUser'>;

export abstract class DelegatesUsers implements UserMethods {
  protected abstract readonly users: UserAdmin;

  listUsers(): Promise<DbUser[]> {
    return this.users.list();
  }

  createUser(name: string, password: string, grants: Grant[]): Promise<void> {
    return this.users.create(name, password, grants);
  }

  grant(user: string, database: string, privilege: Privilege): Promise<void> {
    return this.users.grant(user, database, privilege);
  }

  revoke(user: string, database: string, privilege: RevocablePrivilege): Promise<void> {
    return this.users.revoke(user, database, privilege);
  }

  setPassword(user: string, password: string): Promise<void> {
    return this.users.setPassword(user, password);
  }

  dropUser(user: string): Promise<void> {
    return this.users.drop(user);
  }
}
