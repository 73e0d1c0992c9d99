// The backstop deadline: an adapter that never settles (a bug no real backend here can reproduce on
// demand) still gives routes a 503 naming the source, and the test endpoint a not-connected answer.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { TsdbAdapter } from '../../src/tsdb/adapter.ts';
import { guardAdapter } from '../../src/tsdb/source-guard.ts';

const never = () => new Promise<never>(() => undefined);
const stuck: TsdbAdapter = {
  vendor: 'influx_v1.x',
  testConnection: never,
  listDatabases: never,
  createDatabase: never,
  dropDatabase: never,
  dropMeasurement: never,
  listUsers: never,
  createUser: never,
  grant: never,
  revoke: never,
  setPassword: never,
  dropUser: never,
  writePoints: never,
  close: async () => undefined,
};

describe('guardAdapter', () => {
  const guarded = guardAdapter(stuck, 10, 'external source (influx_v1.x at http://10.0.0.5:8086)');

  it('turns a call that never settles into a 503 that names the source', async () => {
    const err = await guarded.listDatabases().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ statusCode: 503, retryable: true, message: expect.stringContaining('http://10.0.0.5:8086') });
    await expect(guarded.grant('u', 'db', 'READ')).rejects.toMatchObject({ statusCode: 503 });
  });

  it('answers not connected for a test that never settles', async () => {
    expect(await guarded.testConnection()).toMatchObject({ is_connected: false, response: expect.stringContaining('did not answer') });
  });

  it('passes results and errors through untouched', async () => {
    const fine = guardAdapter({ ...stuck, listUsers: async () => [], dropUser: async () => { throw new AppError(404, 'user not found: u'); } }, 1000, 'x');
    expect(await fine.listUsers()).toEqual([]);
    await expect(fine.dropUser('u')).rejects.toMatchObject({ statusCode: 404, message: 'user not found: u' });
  });

  it('a filesystem error from storage is the source failing (503 with the cause); a plain bug stays as it is', async () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    const failing = guardAdapter(
      {
        ...stuck,
        createDatabase: async () => {
          throw enospc;
        },
        dropDatabase: async () => {
          throw new TypeError('x is undefined');
        },
      },
      1000,
      'internal source (embedded)',
    );
    await expect(failing.createDatabase('d')).rejects.toMatchObject({
      statusCode: 503,
      message: 'internal source (embedded) failed: ENOSPC: no space left on device, write',
    });
    const bug = await failing.dropDatabase('d').catch((e: unknown) => e);
    expect(bug).toBeInstanceOf(TypeError);
  });
});
