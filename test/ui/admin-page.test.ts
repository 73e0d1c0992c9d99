// The admin page end to end in Debian's Chromium against a real emulator: sign-in and sign-out, the
// databases, users and time-series DB pages changing what the API reports, the overview's charts
// drawing live data. Screenshots of every page go to test-artifacts/ui/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/ui/public/js/format.js';
import { ADMIN_TOKEN, goTo, launchChromium, openPage, screenshot, signIn, startUiServer, type Chromium, type UiPage, type UiServer } from './harness.ts';

let server: UiServer;
let browser: Chromium;
let ui: UiPage;
let page: Page;
// Upper bounds for what depends on the 2 s scrape interval, generous for a loaded machine.
const SLOW = { timeout: 30_000 };

beforeAll(async () => {
  server = await startUiServer();
  browser = await launchChromium();
  ui = await openPage(browser, server.url);
  page = ui.page;
  await signIn(page, ADMIN_TOKEN);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Db { name: string; size: number; measurements: string[] }
const dbNames = async () => ((await server.api<Db[]>('GET', '/stats/db')).body ?? []).map((d) => d.name);
const alert = () => page.getByRole('main').getByRole('alert');
const status = () => page.getByRole('main').getByRole('status');

describe('signing in and out', () => {
  it('a wrong token shows the API message; the right one opens the overview; sign-out clears the session', async () => {
    const other = await openPage(browser, server.url);
    const p = other.page;
    await screenshot(p, 'signin');
    // The sign-in form loads no chart code; signed in, the overview asks for it.
    const loaded = () => p.evaluate<string[]>(`performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)`);
    expect(await loaded()).toContain('/ui/js/pages/signin.js');
    expect((await loaded()).filter((u) => u.startsWith('/ui/vendor/uPlot'))).toEqual([]);
    await p.getByLabel('API token', { exact: true }).fill('not-a-valid-token-at-all');
    await p.getByRole('button', { name: 'Sign in' }).click();
    const wrong = await server.api('GET', '/stats/tsdb', undefined, 'not-a-valid-token-at-all');
    expect(wrong.status).toBe(401);
    await expect.poll(() => p.getByRole('alert').textContent()).toBe((wrong.body as { message: string }).message);
    expect(await p.evaluate('sessionStorage.length')).toBe(0);

    await signIn(p, ADMIN_TOKEN);
    await p.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await expect.poll(loaded).toEqual(expect.arrayContaining(['/ui/vendor/uPlot.iife.min.js', '/ui/vendor/uPlot.min.css']));
    expect(await p.getByTestId('role').textContent()).toBe('Admin access');
    expect(p.url()).not.toContain(ADMIN_TOKEN);
    expect(await p.evaluate('sessionStorage.length')).toBe(1);

    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await p.evaluate('sessionStorage.length')).toBe(0);
    await p.reload();
    await p.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(other.problems).toEqual([]);
    await p.close();
  });
});

describe('databases', () => {
  it('shows tsdata with its human-readable size', async () => {
    await goTo(page, 'Databases');
    const row = page.locator('tr[data-db="tsdata"]');
    await row.waitFor();
    const title = (await row.getByRole('cell').first().getAttribute('title')) ?? '';
    const bytes = Number(/^(\d+) bytes$/.exec(title)?.[1]);
    expect(bytes).toBeGreaterThan(0);
    expect(await row.getByRole('cell').first().textContent()).toBe(formatBytes(bytes));
    await screenshot(page, 'databases');
  });

  it('creates and drops a database after a confirmation, and /stats/db follows', async () => {
    await goTo(page, 'Databases');
    await page.getByLabel('Database name').fill('ui e2e.db');
    await page.getByRole('button', { name: 'Create database' }).click();
    await expect.poll(() => status().textContent()).toBe('Database ui e2e.db created.');
    expect(await dbNames()).toContain('ui e2e.db');
    await page.locator('tr[data-db="ui e2e.db"]').waitFor();

    await page.getByRole('button', { name: 'Drop database ui e2e.db' }).click();
    const dialog = page.getByRole('dialog', { name: 'Please confirm' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await dbNames()).toContain('ui e2e.db');

    await page.getByRole('button', { name: 'Drop database ui e2e.db' }).click();
    await screenshot(page, 'databases-confirm');
    await dialog.getByRole('button', { name: 'Drop database' }).click();
    await expect.poll(() => status().textContent()).toBe('Database ui e2e.db dropped.');
    expect(await dbNames()).not.toContain('ui e2e.db');
    await page.locator('tr[data-db="ui e2e.db"]').waitFor({ state: 'detached' });
  });

  it('a duplicate database shows the API 409 message', async () => {
    const direct = await server.api<{ message: string }>('POST', '/stats/db', { dbName: 'tsdata' });
    expect(direct.status).toBe(409);
    await goTo(page, 'Databases');
    await page.getByLabel('Database name').fill('tsdata');
    await page.getByRole('button', { name: 'Create database' }).click();
    await expect.poll(() => alert().textContent()).toBe(direct.body?.message);
  });

  it('drops a measurement after a confirmation', async () => {
    await server.api('POST', '/stats/db', { dbName: 'plant' });
    const at = Date.now();
    await server.app.sources.guardedAdapter().writePoints('plant', [
      { measurement: 'line.1', tags: {}, fields: { v: 1 }, timestampMs: at },
      { measurement: 'line.2', tags: {}, fields: { v: 2 }, timestampMs: at },
    ]);
    // A write behind the API's back shows in GET /stats/db within 1 s (its snapshot cache, routes/stats/db.ts):
    // once the API lists both, the page's own GET cannot get an older snapshot.
    const plantMeasurements = async () => (await server.api<Db[]>('GET', '/stats/db')).body?.find((d) => d.name === 'plant')?.measurements;
    await expect.poll(plantMeasurements).toEqual(['line.1', 'line.2']);
    await goTo(page, 'Databases');
    const row = page.locator('tr[data-db="plant"]');
    await row.getByText('2 measurements').click();
    await row.getByRole('button', { name: 'Drop measurement line.1 from plant' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Drop measurement' }).click();
    await expect.poll(() => status().textContent()).toBe('Measurement line.1 dropped from plant.');
    expect(await plantMeasurements()).toEqual(['line.2']);
  });
});

describe('users', () => {
  interface User { name: string; grants: { database: string; privileges: string }[] }
  const user = async (name: string) => (await server.api<User[]>('GET', '/stats/users')).body?.find((u) => u.name === name);

  it('creates a user with READ on tsdata and lists it; grant, revoke, reset password, delete', async () => {
    await goTo(page, 'Users');
    await page.getByLabel('User name').fill('ui_reader');
    await page.getByLabel('Password', { exact: true }).fill('a-password-for-the-ui');
    await page.getByRole('group', { name: 'Grants' }).getByLabel('tsdata').selectOption('READ');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => status().textContent()).toBe('User ui_reader created.');
    expect(await user('ui_reader')).toEqual({ name: 'ui_reader', grants: [{ database: 'tsdata', privileges: 'READ' }] });
    const row = page.locator('tr[data-user="ui_reader"]');
    await expect.poll(() => row.getByRole('listitem').textContent()).toBe('tsdata READ');
    await screenshot(page, 'users');

    await row.getByLabel('Database for ui_reader').selectOption('tsdata');
    await row.getByLabel('Privileges for ui_reader').selectOption('WRITE');
    await row.getByRole('button', { name: 'Grant WRITE on tsdata to ui_reader' }).click();
    await expect.poll(async () => (await user('ui_reader'))?.grants).toEqual([{ database: 'tsdata', privileges: 'ALL' }]);
    await expect.poll(() => row.getByRole('listitem').textContent()).toBe('tsdata ALL');
    await row.getByRole('button', { name: 'Revoke WRITE on tsdata from ui_reader' }).click();
    await expect.poll(async () => (await user('ui_reader'))?.grants).toEqual([{ database: 'tsdata', privileges: 'READ' }]);

    await row.getByRole('button', { name: 'Reset password of ui_reader' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset password of ui_reader' });
    await dialog.getByLabel('New password').fill('another-password');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    // The open dialog has a status line of its own: read the page's once the dialog has gone.
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status().textContent()).toBe('Password of ui_reader reset.');

    await row.getByRole('button', { name: 'Delete user ui_reader' }).click();
    await page.getByRole('dialog', { name: 'Please confirm' }).getByRole('button', { name: 'Delete user' }).click();
    await expect.poll(() => status().textContent()).toBe('User ui_reader deleted.');
    expect(await user('ui_reader')).toBeUndefined();
  });
});

describe('time-series DB', () => {
  const info = async () => (await server.api<{ source: string; is_enabled: boolean }>('GET', '/stats/tsdb')).body;

  it('the Persistence switch flips /stats/tsdb', async () => {
    await goTo(page, 'Time-series DB');
    const persistence = page.getByRole('switch', { name: 'Persistence' });
    expect(await persistence.getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('active-source').textContent()).toBe('internal');
    await persistence.click();
    await expect.poll(async () => (await info())?.is_enabled).toBe(false);
    await expect.poll(() => persistence.getAttribute('aria-checked')).toBe('false');
    await persistence.click();
    await expect.poll(async () => (await info())?.is_enabled).toBe(true);
    await expect.poll(() => persistence.getAttribute('aria-checked')).toBe('true');
  });

  it('lists the vendors; Test connection shows is_connected and the response; a bad source shows the 400 message', async () => {
    await goTo(page, 'Time-series DB');
    const vendors = (await server.api<{ value: string; label: string }[]>('GET', '/stats/tsdb/dbvendors')).body ?? [];
    for (const v of vendors) await page.getByRole('listitem').filter({ hasText: v.value }).waitFor();
    const direct = (await server.api<{ is_connected: boolean; response: string }>('GET', '/stats/tsdb/dbsource/internal/test')).body;
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByTestId('is-connected').textContent()).toBe(String(direct?.is_connected));
    expect(await page.getByTestId('test-response').textContent()).toBe(direct?.response);
    await screenshot(page, 'tsdb');

    await page.getByLabel('Source type').selectOption('external');
    await page.getByLabel('Database').fill('remote');
    await page.getByLabel('URL').fill('ftp://not-http.example');
    await page.getByLabel('Password').fill('never-shown-v1-password');
    // The browser's own URL check would stop the form; the API's rule is what this is about.
    await page.locator('form').evaluate((form) => void ((form as unknown as { noValidate: boolean }).noValidate = true));
    await page.getByRole('button', { name: 'Save source' }).click();
    const direct400 = await server.api<{ message: string }>('PUT', '/stats/tsdb/dbsource/external', { db_vendor: 'influx_v1.x', name: 'remote', db_uri: 'ftp://not-http.example' });
    expect(direct400.status).toBe(400);
    await expect.poll(() => alert().textContent()).toBe(direct400.body?.message);
    expect((await info())?.source).toBe('internal');
  });
});

describe('overview', () => {
  it('charts have drawn data after a few seconds, with the last values as numbers', async () => {
    await goTo(page, 'Overview');
    const charts = page.locator('.chart');
    await expect.poll(() => charts.count()).toBe(6);
    // Three scrapes: every rate (network, messages) has at least two points to draw a line between.
    await expect.poll(() => charts.evaluateAll((els) => Math.min(...els.map((e) => Number(e.getAttribute('data-samples'))))), SLOW).toBeGreaterThanOrEqual(3);
    // Drawn, not just fed: each chart's canvas holds coloured pixels (grid and axes are grey; every series
    // colour is saturated), whichever series happens to lie on top.
    const painted = () =>
      charts.evaluateAll((els) =>
        els.map((el) => {
          const canvas = el.querySelector('canvas') as unknown as { width: number; height: number; getContext(t: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let strokes = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 60) strokes++;
          return `${el.getAttribute('aria-label')}: ${strokes > 20 ? 'drawn' : `${strokes} pixels`}`;
        }),
      );
    await expect.poll(painted, SLOW).toEqual((await charts.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).map((l) => `${l}: drawn`));
    // The charts follow their boxes' width: narrower with the window, and back.
    const widths = () => charts.evaluateAll((els) => els.map((el) => (el.querySelector('canvas') as unknown as { width: number }).width));
    const wide = await widths();
    await page.setViewportSize({ width: 500, height: 900 });
    await expect.poll(async () => (await widths()).every((w, i) => w < wide[i]!)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(widths).toEqual(wide);
    const cpu = page.getByRole('region', { name: 'CPU' });
    expect(await cpu.locator('dd').allTextContents()).toEqual([expect.stringMatching(/^\d+\.\d %$/), expect.stringMatching(/^\d+\.\d %$/), expect.stringMatching(/^\d+\.\d %$/)]);
    const messages = page.getByRole('region', { name: 'DeviceHub messages' });
    await expect.poll(async () => Number((await messages.locator('dd').nth(1).textContent())?.replaceAll(',', '')), SLOW).toBeGreaterThan(0);
    expect(await messages.locator('dd').first().textContent()).toMatch(/^[\d,]+\.\d\/s$/);
    await screenshot(page, 'overview');
    expect(ui.problems).toEqual([]);
  }, 90_000);
});
