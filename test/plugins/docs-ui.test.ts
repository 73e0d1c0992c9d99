// The Swagger UI at /docs in a real headless Chromium: loaded with a read API token (the browser's Basic
// dialog), then authorized through its own Authorize dialog with an OAuth2 client (the UI fetches the
// token itself) or with an admin API token, and a mutation run from the UI succeeds with each.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { clientFilePath, createClient } from '../../src/auth/oauth/client-file.ts';
import { createToken, tokenFilePath } from '../../src/auth/token-file.ts';
import { testConfig } from '../../support/config.ts';
import { TEST_ADMIN_TOKEN, basic, tempDir } from '../../support/auth.ts';
import type { Page } from 'playwright-core';
import { launchChromium, type Chromium } from '../../support/chromium.ts';

// Page-side helpers: wait for an element (the UI renders asynchronously), and type into React inputs.
const HELPERS = `window.t = {
  async el(sel, text, within = document) {
    for (let i = 0; i < 400; i++) {
      const found = [...within.querySelectorAll(sel)].find((e) => !text || e.textContent.includes(text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('never appeared: ' + sel + ' ' + (text || ''));
  },
  type(el, value) {
    const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  },
  async authorize(scheme, fields) {
    (await t.el('.btn.authorize')).click();
    const box = (await t.el('.auth-container', scheme)).closest('.auth-container');
    for (const [sel, value] of Object.entries(fields)) t.type(await t.el(sel, '', box), value);
    (await t.el('.btn.modal-btn.auth.authorize', '', box)).click();
    await t.el('.btn.modal-btn.auth', 'Logout', box);
    (await t.el('.btn.modal-btn.auth.btn-done')).click();
  },
  async logout(scheme) {
    (await t.el('.btn.authorize')).click();
    const box = (await t.el('.auth-container', scheme)).closest('.auth-container');
    (await t.el('.btn.modal-btn.auth', 'Logout', box)).click();
    (await t.el('.btn.modal-btn.auth.btn-done')).click();
  },
  async createDb(name) {
    const op = (await t.el('.opblock.opblock-post', '/stats/db')).closest('.opblock');
    if (!op.classList.contains('is-open')) (await t.el('.opblock-summary-control', '', op)).click();
    const tryOut = await t.el('.try-out__btn', '', op);
    if (!tryOut.classList.contains('cancel')) tryOut.click();
    t.type(await t.el('textarea.body-param__text', '', op), JSON.stringify({ dbName: name }));
    // The previous answer goes first, so the status read below is this request's.
    op.querySelector('.btn-clear')?.click();
    while (op.querySelector('.live-responses-table')) await new Promise((r) => setTimeout(r, 50));
    (await t.el('.btn.execute', '', op)).click();
    return (await t.el('.live-responses-table tbody .response-col_status', '', op)).textContent.trim();
  },
};`;

let app: FastifyInstance;
let remove: () => Promise<void>;
let browser: Chromium;
let page: Page;
let base: string;
let client: { client_id: string; client_secret: string };

beforeAll(async () => {
  const tmp = await tempDir('docs-ui-');
  remove = tmp.remove;
  const readToken = await createToken(tokenFilePath(tmp.dir), 'viewer', 'read');
  client = await createClient(clientFilePath(tmp.dir), 'ui', 'admin');
  app = await buildApp(testConfig({ dataDir: tmp.dir, adminToken: TEST_ADMIN_TOKEN }));
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium({ httpCredentials: { username: readToken, password: '' } });
  page = await browser.context.newPage();
  await page.goto(`${base}/docs`);
  await page.evaluate(HELPERS);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await remove();
});

async function databases(): Promise<string[]> {
  const res = await app.inject({ method: 'GET', url: '/stats/db', headers: { authorization: basic(TEST_ADMIN_TOKEN) } });
  return res.json<{ name: string }[]>().map((d) => d.name);
}

// A browser on a shared 2-core machine: generous bounds, never a sleep (every step waits for the DOM).
describe('the docs UI', { timeout: 120_000 }, () => {
  it('with only the read token the page was loaded with, a mutation is refused', async () => {
    expect(await page.evaluate<string>(`t.createDb('ui_unauthorized')`)).toBe('403');
  });

  it('authorizes with OAuth2 client credentials (it fetches the token) and creates a database', async () => {
    await page.evaluate(`t.authorize('oauth2', { 'input[data-name=clientId]': ${JSON.stringify(client.client_id)}, 'input[data-name=clientSecret]': ${JSON.stringify(client.client_secret)} })`);
    expect(await page.evaluate<string>(`t.createDb('ui_oauth')`)).toBe('204');
    expect(await databases()).toContain('ui_oauth');
    await page.evaluate(`t.logout('oauth2')`);
  });

  it('authorizes with Basic (an admin API token, empty password) and creates a database', async () => {
    await page.evaluate(`t.authorize('basicAuth', { 'input[type=text]': ${JSON.stringify(TEST_ADMIN_TOKEN)} })`);
    expect(await page.evaluate<string>(`t.createDb('ui_basic')`)).toBe('204');
    expect(await databases()).toContain('ui_basic');
  });
});
