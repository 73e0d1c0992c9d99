// The embedded engine's storage failing under a running server (DATA_DIR removed, disk gone): the API
// answers the document's 503 for a failing source with SQLite's own words, never a 500.
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectJsonError, startApp, tempDataDir, type TestApp } from '../../../../support/test-app.ts';

let t: TestApp;
let dir: string;
beforeEach(async () => {
  dir = await tempDataDir();
  t = await startApp(dir);
});
afterEach(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded storage failing', () => {
  it('DATA_DIR removed while running: creating a database answers 503 naming the source and the cause', async () => {
    expect((await t.request({ method: 'GET', url: '/stats/db' })).statusCode).toBe(200);
    await rm(dir, { recursive: true, force: true });
    const res = await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'after_rm' } });
    expectJsonError(res, 503);
    expect(res.json<{ message: string }>().message).toMatch(/embedded.*unable to open database file/i);
    // /stats/metrics does not depend on the TSDB and keeps serving.
    expect((await t.request({ method: 'GET', url: '/stats/metrics' })).statusCode).toBe(200);
  });
});
