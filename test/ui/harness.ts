// The admin page's end-to-end harness: a real emulator listening on a free loopback port (embedded
// engine, the simulator feeding tsdata, an admin and a read token), Debian's Chromium, a page that
// records script errors and CSP refusals, screenshots under test-artifacts/ui/, and axe-core.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { createToken, tokenFilePath } from '../../src/auth/token-file.ts';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../support/config.ts';
import { basic } from '../../support/auth.ts';
import { launchChromium, type Chromium } from '../../support/chromium.ts';

export const ADMIN_TOKEN = 'ui-tests-admin-token-0123456789abc';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/ui');

export interface UiServer {
  app: FastifyInstance;
  url: string;
  readToken: string;
  /** tokens.json of this server, for tokens made or revoked while it runs (as the CLI does). */
  tokenFile: string;
  logs(): string;
  /** Calls the API as a client other than the page (admin token unless given). */
  api<T = unknown>(method: string, pathname: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startUiServer(): Promise<UiServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ui-e2e-'));
  const readToken = await createToken(tokenFilePath(dir), 'viewer', 'read');
  let logs = '';
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const config = testConfig({
    dataDir: dir,
    adminToken: ADMIN_TOKEN,
    logLevel: 'debug',
    simulator: { devices: 2, tagsPerDevice: 2, intervalMs: 250 },
  });
  const app = await buildApp(config, { logStream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    readToken,
    tokenFile: tokenFilePath(dir),
    logs: () => logs,
    async api(method, pathname, body, token = ADMIN_TOKEN) {
      const res = await fetch(url + pathname, {
        method,
        headers: { authorization: basic(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface UiPage {
  page: Page;
  /** Uncaught script errors and Content-Security-Policy refusals seen so far. */
  problems: string[];
}

export async function openPage(browser: Chromium, url: string): Promise<UiPage> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Failed API calls (the 400 of the write-access probe, a 409) are logged by Chromium too; they
    // are expected. Anything else at error level is a defect.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  await page.goto(`${url}/ui/`);
  return { page, problems };
}

export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('API token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('main[data-ready="true"]').waitFor();
}

/** Follows the page's own navigation links, as a user would. */
export async function goTo(page: Page, label: 'Overview' | 'Time-series DB' | 'Databases' | 'Users'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFile(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the page's CSP (no inline scripts) stays in force for the test.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(await AXE_SOURCE);
  // A string, not a function: this project's TypeScript has no DOM types, and axe runs in the page.
  const result = await page.evaluate<{ rules: number; violations: AxeViolation[] }>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => ({
    rules: r.passes.length + r.violations.length,
    violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) })),
  }))`);
  // A run that checked nothing would pass anything.
  if (result.rules < 10) throw new Error(`axe-core applied only ${result.rules} rules; did it run on the page?`);
  const violations = result.violations;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

export { launchChromium, type Chromium };
