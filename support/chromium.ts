// Debian's headless Chromium (package `chromium`) for tests, two ways: openPage() is a minimal
// DevTools-protocol client (Node's WebSocket) that answers HTTP Basic challenges as a user would in the
// browser's dialog; launchChromium() hands a fresh profile to playwright-core for page-level scripting
// (the admin page's tests and bench). A missing binary fails loudly, never skips.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireBinary, stopChild } from './processes.ts';
import { chromium, type BrowserContext } from 'playwright-core';

type Pending = { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void };

export interface Page {
  /** Evaluates an expression (awaiting a promise) in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  goto(url: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts Chromium; Basic challenges from the page's origin are answered with these credentials. */
export async function openPage(basic: { username: string; password: string }): Promise<Page> {
  const bin = requireBinary('chromium', 'chromium');
  const profile = await mkdtemp(path.join(tmpdir(), 'chromium-'));
  const child: ChildProcess = spawn(bin, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
  });
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('cannot reach the DevTools socket'));
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  ws.onmessage = (event) => {
    const msg = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown> };
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result ?? {});
    } else if (msg.method) for (const l of listeners) l(msg.method, msg.params ?? {});
  };
  // Browser-level commands go without a session; page commands with the page's, once attached.
  const session: { id?: string } = {};
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params, ...(session.id ? { sessionId: session.id } : {}) }));
    });

  const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  session.id = ((await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
  // Every request pauses here; only auth challenges get an answer beyond "carry on".
  listeners.push((method, params) => {
    if (method === 'Fetch.requestPaused') void send('Fetch.continueRequest', { requestId: params.requestId });
    if (method === 'Fetch.authRequired') {
      void send('Fetch.continueWithAuth', { requestId: params.requestId, authChallengeResponse: { response: 'ProvideCredentials', ...basic } });
    }
  });
  await send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });
  await send('Page.enable');

  return {
    async evaluate<T>(expression: string): Promise<T> {
      const r = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
        result: { value?: unknown };
        exceptionDetails?: { exception?: { description?: string }; text: string };
      };
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    },
    async goto(url: string): Promise<void> {
      const loaded = new Promise<void>((resolve) => listeners.push((m) => m === 'Page.loadEventFired' && resolve()));
      await send('Page.navigate', { url });
      await loaded;
    },
    async close(): Promise<void> {
      // Browser.close lets Chromium shut down its helper processes itself; a bare SIGTERM left them writing
      // into the profile while it was removed (ENOTEMPTY under load), hence also the retries on rm.
      delete session.id; // a browser-level command
      await send('Browser.close').catch(() => undefined);
      ws.close();
      await stopChild(child);
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

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

/** One browser with a fresh profile. Each new page has its own sessionStorage (a new tab). */
export async function launchChromium(): Promise<Chromium> {
  // playwright refuses --user-data-dir in args; a persistent context is how it takes a profile dir.
  const profile = await mkdtemp(path.join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireBinary('chromium', 'chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
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
