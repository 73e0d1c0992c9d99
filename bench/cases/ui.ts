// Case 6, the admin page (/ui/) in Debian's Chromium: the JavaScript and CSS it loads, gzipped as the
// server sends them, and cold first loads (a fresh browser and profile each time, so nothing is
// cached), in ms from navigation start to the first frame painted after (a) the sign-in form is ready
// and (b) signed in, the overview's charts have data. A bare page (one button from node:http) is
// loaded the same way each round: what Chromium itself costs on this machine at that moment.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startEmulator } from '../lib/emulator.ts';
import type { BenchOptions } from '../lib/options.ts';
import type { CaseResult, Row, Target } from '../lib/report.ts';

const BUDGET_KB = 150;
const LOAD_BUDGET_MS = 1000;

// Injected before the page's own scripts (DevTools init scripts are outside the page's CSP).
export const MILESTONES = `
  const marks = (globalThis.__marks = {});
  const at = (name) => marks[name] === undefined && requestAnimationFrame(() => (marks[name] ??= performance.now()));
  new MutationObserver(() => {
    if (document.querySelector('form button[type=submit]:not([disabled])')) at('ready');
    if ([...document.querySelectorAll('.chart')].some((c) => Number(c.dataset.samples) > 0)) at('charts');
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

export type Mark = 'ready' | 'charts';

/** The session exactly as signing in leaves it in sessionStorage (src/ui/public/js/session.js). */
export const sessionScript = (authorization: string) =>
  `sessionStorage.setItem('datahub-admin.session', ${JSON.stringify(JSON.stringify({ method: 'token', authorization }))})`;

interface File {
  url: string;
  raw: number;
  gzip: number;
}

/** One cold load of `url` in a fresh browser; ms to `name`, and the scripts and styles it loaded. */
async function coldLoad(url: string, name: Mark, initScript?: string): Promise<{ ms: number; files: File[] }> {
  const browser = await launchChromium();
  try {
    const page: Page = await browser.context.newPage();
    const files: Promise<File>[] = [];
    page.on('response', (res) => {
      const type = res.request().resourceType();
      if (type === 'script' || type === 'stylesheet') {
        files.push(res.body().then((body) => ({ url: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length })));
      }
    });
    await page.addInitScript(MILESTONES);
    if (initScript) await page.addInitScript(initScript);
    await page.goto(url);
    const handle = await page.waitForFunction((n) => (globalThis as unknown as { __marks: Record<string, number | undefined> }).__marks[n], name, { timeout: 20_000 });
    const ms = (await handle.jsonValue()) as number;
    await page.waitForLoadState('networkidle');
    return { ms, files: await Promise.all(files) };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const spread = (xs: number[]) => `median of ${xs.length} cold loads; min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} ms`;

export async function uiCase(o: BenchOptions): Promise<CaseResult> {
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bare</title><form><button type="submit">Sign in</button></form>');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const emu = await startEmulator();
  const session = sessionScript(emu.auth);
  const times = { bare: [] as number[], signIn: [] as number[], charts: [] as number[] };
  let files: File[] = [];
  try {
    for (let i = 0; i < Math.max(1, o.uiRounds); i++) {
      times.bare.push((await coldLoad(bareUrl, 'ready')).ms);
      times.signIn.push((await coldLoad(`${emu.base}/ui/`, 'ready')).ms);
      // The signed-in overview loads every file the page has (the chart library comes only then).
      const charts = await coldLoad(`${emu.base}/ui/#overview`, 'charts', session);
      times.charts.push(charts.ms);
      files = charts.files;
    }
  } finally {
    await emu.stop();
    bare.close();
  }
  const gzipKb = files.reduce((s, f) => s + f.gzip, 0) / 1024;
  const rawKb = files.reduce((s, f) => s + f.raw, 0) / 1024;
  const rows: Row[] = [
    {
      case: 'ui',
      subject: 'admin page JS+CSS',
      note: `${gzipKb.toFixed(1)} KB gzipped (${rawKb.toFixed(1)} KB raw) in ${files.length} files`,
      extra: Object.fromEntries(files.map((f) => [f.url, f.gzip])),
    },
    { case: 'ui', subject: 'bare page (1 button), cold load', p50Ms: median(times.bare), note: spread(times.bare) },
    { case: 'ui', subject: 'admin page → sign-in form, cold', p50Ms: median(times.signIn), note: spread(times.signIn) },
    { case: 'ui', subject: 'admin page signed in → charts drawn, cold', p50Ms: median(times.charts), note: spread(times.charts) },
  ];
  const targets: Target[] = [
    { target: `admin page JS+CSS < ${BUDGET_KB} KB gzipped`, measured: `${gzipKb.toFixed(1)} KB`, met: files.length > 0 && gzipKb < BUDGET_KB },
    {
      target: `admin page first load to interactive < ${LOAD_BUDGET_MS} ms (Chromium, cold)`,
      measured: `sign-in form ${median(times.signIn).toFixed(0)} ms, charts drawn ${median(times.charts).toFixed(0)} ms; a bare page ${median(times.bare).toFixed(0)} ms (medians)`,
      met: median(times.signIn) < LOAD_BUDGET_MS && median(times.charts) < LOAD_BUDGET_MS,
    },
  ];
  return { rows, targets };
}
