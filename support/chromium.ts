// Debian's headless Chromium (package `chromium`) driven by playwright-core, for the admin page's and the
// docs UI's tests and the bench: a fresh profile per browser, HTTP Basic challenges answered as a user would
// in the browser's dialog when credentials are given. A missing binary fails loudly, never skips.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { requireBinary } from './processes.ts';

// playwright-core drives the system browser; it downloads none. --headless etc. as CI needs them.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  /** Answers the server's Basic challenges (only after a 401, like the browser's dialog). */
  httpCredentials?: { username: string; password: string };
}

/** One browser with a fresh profile. Each new page has its own sessionStorage (a new tab). */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Chromium> {
  // playwright refuses --user-data-dir in args; a persistent context is how it takes a profile dir.
  const profile = await mkdtemp(path.join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireBinary('chromium', 'chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...(options.httpCredentials ? { httpCredentials: options.httpCredentials } : {}),
  });
  // Each step fails on its own, naming what it waited for, well before the test's timeout.
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
