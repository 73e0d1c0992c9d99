// The one adapter contract suite, run against every TsdbAdapter (embedded directly, InfluxDB 1.x
// against a real influxd, 2.x against its stand-in). Register it from a *.test.ts file:
//   describeAdapterContract('embedded', async () => ({ adapter, cleanup }), { noPrivilegesRows: true });
import { afterAll, beforeAll, describe } from 'vitest';
import { databaseContract } from './databases.ts';
import {
  DEFAULT_CAPABILITIES,
  nameFactory,
  type ContractCapabilities,
  type ContractContext,
  type ContractFixture,
} from './helpers.ts';
import { nameContract } from './names.ts';
import { userContract } from './users.ts';

export type { ContractCapabilities, ContractFixture } from './helpers.ts';
export { expectStatus } from './helpers.ts';

/** `setup` runs once per suite; tests use unique names, so the backend may hold other data. */
export function describeAdapterContract(
  label: string,
  setup: () => Promise<ContractFixture>,
  capabilities: Partial<ContractCapabilities> = {},
): void {
  describe(`adapter contract: ${label}`, () => {
    let fixture: ContractFixture | undefined;
    const ctx: ContractContext = {
      get adapter() {
        if (!fixture) throw new Error('contract fixture not set up');
        return fixture.adapter;
      },
      caps: { ...DEFAULT_CAPABILITIES, ...capabilities },
      name: nameFactory(),
    };

    beforeAll(async () => {
      fixture = await setup();
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });

    describe('databases, measurements and writes', () => databaseContract(ctx));
    describe('users and grants', () => userContract(ctx));
    describe('edge-case names and passwords', () => nameContract(ctx));
  });
}
