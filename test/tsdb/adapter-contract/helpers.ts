// Shared pieces of the adapter contract suite: the fixture shape, capability switches, name
// generators and an assertion for typed AppErrors.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { AppError } from '../../../src/errors.ts';
import type { DatabaseInfo, TsdbAdapter } from '../../../src/tsdb/adapter.ts';

export interface ContractFixture {
  adapter: TsdbAdapter;
  cleanup(): Promise<void>;
}

/** What differs between backends; each defaults to the InfluxDB 1.x behaviour. */
export interface ContractCapabilities {
  /** Revoking the last bit (or granting NO PRIVILEGES) leaves a `NO PRIVILEGES` row, as InfluxDB 1.x lists
   * it. InfluxDB 2.x legacy authorizations cannot represent that, so the row is absent there. */
  noPrivilegesRows: boolean;
  /** Database names may contain `"` (1.x yes; 2.x bucket names may not, that is a 400 there). */
  doubleQuoteInDatabaseNames: boolean;
}

export const DEFAULT_CAPABILITIES: ContractCapabilities = {
  noPrivilegesRows: true,
  doubleQuoteInDatabaseNames: true,
};

/** Lazily filled by beforeAll; tests read `ctx.adapter`. */
export interface ContractContext {
  adapter: TsdbAdapter;
  caps: ContractCapabilities;
  /** A fresh name with a per-suite prefix, so suites can share one server without colliding. */
  name(hint: string): string;
}

export function nameFactory(): (hint: string) => string {
  const prefix = `ct${randomBytes(3).toString('hex')}`;
  let n = 0;
  return (hint) => `${prefix}-${++n}-${hint}`;
}

/** Awaits `promise` and asserts it rejected with an AppError of `status`; returns the error. */
export async function expectStatus(promise: Promise<unknown>, status: number): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a rejection with status ${status}`).toBeInstanceOf(AppError);
  expect((err as AppError).statusCode, (err as Error).message).toBe(status);
  return err as AppError;
}

export async function findDatabase(adapter: TsdbAdapter, name: string): Promise<DatabaseInfo | undefined> {
  return (await adapter.listDatabases()).find((d) => d.name === name);
}

export async function databaseNames(adapter: TsdbAdapter): Promise<string[]> {
  return (await adapter.listDatabases()).map((d) => d.name);
}

/** Names InfluxDB 1.x accepts that break naive quoting, file naming or URL handling. */
export function awkwardNames(caps: ContractCapabilities): string[] {
  const names = [
    'with space',
    'dotted.name.v1',
    'ünïcødé-日本語-😀',
    "single'quote",
    "x'; DROP DATABASE 'tsdata'; --",
    'semi;colon,comma=equals',
    '$param',
    '%2F-looks-encoded',
  ];
  if (caps.doubleQuoteInDatabaseNames) names.push('x"; DROP DATABASE "tsdata"; --', 'dq"inside');
  return names;
}
