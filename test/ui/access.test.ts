// Who may do what on the admin page, and how: a read token sees every page with each mutating
// control disabled (and a forced call shows the API's 403 message); a token revoked mid-session
// returns the page to sign-in; the keyboard alone signs in,
// creates and drops a database; axe-core finds no serious or critical violation on any page; the
// token never shows up in a URL or the server's log.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFilePath, createClient } from '../../src/auth/oauth/client-file.ts';
import { createToken, revokeToken } from '../../src/auth/token-file.ts';
import { ADMIN_TOKEN, axeViolations, goTo, launchChromium, openPage, screenshot, signIn, startUiServer, type Chromium, type UiServer } from './harness.ts';

let server: UiServer;
let browser: Chromium;
beforeAll(async () => {
  server = await startUiServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const disabled = (page: Page, role: 'button' | 'switch' | 'textbox' | 'combobox', name: string) =>
  page.getByRole(role, { name, exact: true }).first().isDisabled();

describe('a read token', () => {
  it('sees everything with every mutating control disabled; a forced change shows the 403 message', async () => {
    await server.api('POST', '/stats/users', { name: 'observer', password: 'observer-password', grants: [{ database: 'tsdata', privileges: 'READ' }] });
    const { page, problems } = await openPage(browser, server.url);
    await signIn(page, server.readToken);
    expect(await page.getByTestId('role').textContent()).toBe('Read-only access');
    await page.getByText('Signed in with read-only access').waitFor();

    await goTo(page, 'Time-series DB');
    expect(await disabled(page, 'switch', 'Persistence')).toBe(true);
    expect(await disabled(page, 'button', 'Save source')).toBe(true);
    expect(await disabled(page, 'button', 'Test connection')).toBe(false);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('is-connected').waitFor();
    await screenshot(page, 'read-only-tsdb');
    // Past the disabled state: the API refuses, and the page shows its message.
    const before = (await server.api<{ is_enabled: boolean }>('GET', '/stats/tsdb')).body;
    const refused = await server.api<{ message: string }>('PUT', '/stats/tsdb/state/disable', undefined, server.readToken);
    expect(refused.status).toBe(403);
    await page.getByRole('switch', { name: 'Persistence' }).evaluate((b) => void ((b as unknown as { disabled: boolean }).disabled = false));
    await page.getByRole('switch', { name: 'Persistence' }).click();
    await expect.poll(() => page.getByRole('main').getByRole('alert').textContent()).toBe(refused.body?.message);
    expect((await server.api('GET', '/stats/tsdb')).body).toEqual(before);

    await goTo(page, 'Databases');
    await page.locator('tr[data-db="tsdata"]').waitFor();
    expect(await disabled(page, 'textbox', 'Database name')).toBe(true);
    expect(await disabled(page, 'button', 'Create database')).toBe(true);
    expect(await disabled(page, 'button', 'Drop database tsdata')).toBe(true);
    await page.locator('tr[data-db="tsdata"] summary').click();
    const drops = page.getByRole('button', { name: /^Drop measurement / });
    expect(await drops.count()).toBeGreaterThan(0);
    for (const b of await drops.all()) expect(await b.isDisabled()).toBe(true);
    await screenshot(page, 'read-only-databases');

    await goTo(page, 'Users');
    await page.locator('tr[data-user="observer"]').waitFor();
    expect(await page.locator('tr[data-user="observer"]').getByRole('listitem').textContent()).toBe('tsdata READ');
    for (const name of ['Create user', 'Reset password of observer', 'Delete user observer', 'Grant READ on tsdata to observer', 'Revoke READ on tsdata from observer']) {
      expect(await disabled(page, 'button', name), name).toBe(true);
    }
    expect(await disabled(page, 'textbox', 'User name')).toBe(true);
    await screenshot(page, 'read-only-users');

    await goTo(page, 'Overview');
    await page.getByRole('region', { name: 'CPU' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('an OAuth2 client', () => {
  it('signs in with its client id and secret (a wrong secret shows the API message); a read client gets the read-only page', async () => {
    const file = clientFilePath(path.dirname(server.tokenFile));
    const admin = await createClient(file, 'ui-admin-client', 'admin');
    const reader = await createClient(file, 'ui-read-client', 'read');
    const { page, problems } = await openPage(browser, server.url);
    await page.getByLabel('Sign in with').selectOption('OAuth2 client');
    await page.getByLabel('Client ID').fill(admin.client_id);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refused = await fetch(`${server.url}/auth/v3/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: admin.client_id, client_secret: 'not-the-secret' }),
    });
    expect(refused.status).toBe(401);
    const { message } = (await refused.json()) as { message: string };
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe(message);
    await screenshot(page, 'signin-oauth');

    await page.getByLabel('Client secret').fill(admin.client_secret);
    await page.getByLabel('Client ID').fill(admin.client_id);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('main[data-ready="true"]').waitFor();
    expect(await page.getByTestId('role').textContent()).toBe('Admin access');
    const stored = String(await page.evaluate('sessionStorage.getItem("datahub-admin.session")'));
    expect(stored).toMatch(/"authorization":"Bearer /);
    expect(stored).not.toContain(admin.client_secret);
    await goTo(page, 'Databases');
    await page.getByLabel('Database name').fill('via-oauth');
    await page.getByRole('button', { name: 'Create database' }).click();
    await page.locator('tr[data-db="via-oauth"]').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByLabel('Sign in with').selectOption('OAuth2 client');
    await page.getByLabel('Client ID').fill(reader.client_id);
    await page.getByLabel('Client secret').fill(reader.client_secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('main[data-ready="true"]').waitFor();
    expect(await page.getByTestId('role').textContent()).toBe('Read-only access');
    await goTo(page, 'Databases');
    expect(await page.getByRole('button', { name: 'Create database' }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a token revoked while the page is open', () => {
  it('returns to sign-in with the API message on the next call, and the session is gone', async () => {
    const token = await createToken(server.tokenFile, 'short-lived', 'admin');
    const { page, problems } = await openPage(browser, server.url);
    await signIn(page, token);
    await goTo(page, 'Databases');
    await revokeToken(server.tokenFile, 'short-lived');
    // The server re-reads tokens.json on an interval; wait until it refuses the token.
    await expect.poll(async () => (await server.api('GET', '/stats/tsdb', undefined, token)).status, { timeout: 10_000 }).toBe(401);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Signed out: unknown or revoked API token');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the keyboard alone', () => {
  /** Presses Tab until the focused element has this accessible name (as a user tabs to a control). */
  async function tabTo(page: Page, name: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate('document.activeElement?.getAttribute("aria-label") || document.activeElement?.labels?.[0]?.firstChild?.textContent || document.activeElement?.textContent');
      if (typeof focused === 'string' && focused.trim() === name) return;
    }
    throw new Error(`Tab never reached "${name}"`);
  }

  it('signs in, opens Databases, creates and drops a database', async () => {
    const { page, problems } = await openPage(browser, server.url);
    await tabTo(page, 'API token');
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('main[data-ready="true"]').waitFor();
    await tabTo(page, 'Databases');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Databases' }).waitFor();
    await tabTo(page, 'Database name');
    await page.keyboard.type('typed');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-db="typed"]').waitFor();
    expect((await server.api<{ name: string }[]>('GET', '/stats/db')).body?.map((d) => d.name)).toContain('typed');

    await tabTo(page, 'Drop database typed');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Please confirm' });
    await dialog.waitFor();
    // The dialog takes focus (Cancel first, the safe choice); Escape backs out.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await tabTo(page, 'Drop database typed');
    await page.keyboard.press('Enter');
    await tabTo(page, 'Drop database');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-db="typed"]').waitFor({ state: 'detached' });
    expect((await server.api<{ name: string }[]>('GET', '/stats/db')).body?.map((d) => d.name)).not.toContain('typed');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('accessibility and secrecy', () => {
  it('axe-core finds no serious or critical violation on any page, dialogs included', async () => {
    const { page, problems } = await openPage(browser, server.url);
    const found: Record<string, string[]> = { signin: await axeViolations(page) };
    await signIn(page, ADMIN_TOKEN);
    await page.getByRole('region', { name: 'CPU' }).waitFor();
    found.overview = await axeViolations(page);
    for (const label of ['Time-series DB', 'Databases', 'Users'] as const) {
      await goTo(page, label);
      await page.getByRole('table').or(page.getByRole('switch')).first().waitFor();
      found[label] = await axeViolations(page);
    }
    await server.api('POST', '/stats/users', { name: 'axe_user', password: 'axe-password', grants: [] });
    await goTo(page, 'Users');
    await page.getByRole('button', { name: 'Reset password of axe_user' }).click();
    await page.getByRole('dialog', { name: 'Reset password of axe_user' }).waitFor();
    found.password = await axeViolations(page);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await goTo(page, 'Databases');
    await page.getByRole('button', { name: 'Drop database tsdata' }).click();
    await page.getByRole('dialog').waitFor();
    found.confirm = await axeViolations(page);
    expect(found).toEqual({ signin: [], overview: [], 'Time-series DB': [], Databases: [], Users: [], password: [], confirm: [] });
    // The check can fail: an image without a text alternative is reported as critical.
    await page.keyboard.press('Escape');
    await page.evaluate('document.querySelector("main").append(Object.assign(document.createElement("img"), { src: "data:," }))');
    expect((await axeViolations(page)).join('\n')).toMatch(/^critical image-alt/m);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the token never appears in a URL, the page or the server log', async () => {
    const { page } = await openPage(browser, server.url);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await signIn(page, ADMIN_TOKEN);
    await goTo(page, 'Databases');
    await page.locator('tr[data-db="tsdata"]').waitFor();
    const encoded = Buffer.from(`${ADMIN_TOKEN}:`).toString('base64');
    expect(urls.length).toBeGreaterThan(3);
    for (const u of [...urls, page.url()]) expect(u).not.toContain(ADMIN_TOKEN);
    expect(await page.content()).not.toContain(ADMIN_TOKEN);
    expect(server.logs()).toContain('/stats/db');
    expect(server.logs()).not.toContain(ADMIN_TOKEN);
    expect(server.logs()).not.toContain(encoded);
    await page.close();
  });
});
