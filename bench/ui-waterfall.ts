// What one cold load of the admin page does, request by request: `node bench/ui-waterfall.ts [rounds]`
// prints, for the sign-in form and for the signed-in overview, every resource the page fetched (Resource
// Timing, ms from navigation start), its bytes on the wire, whether it blocked rendering, and the
// milestones the ui bench case times. A diagnosis aid beside bench/cases/ui.ts, not a benchmark.
import { launchChromium } from '../support/chromium.ts';
import { startEmulator } from './lib/emulator.ts';
import { MILESTONES, sessionScript, type Mark } from './cases/ui.ts';

interface Entry {
  name: string;
  type: string;
  start: number;
  connect: number;
  reqStart: number;
  resStart: number;
  end: number;
  wire: number;
  blocking: string;
}

async function record(url: string, mark: Mark, initScript?: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(MILESTONES);
    if (initScript) await page.addInitScript(initScript);
    await page.goto(url);
    await page.waitForFunction((n) => (globalThis as unknown as { __marks: Record<string, number | undefined> }).__marks[n], mark, { timeout: 20_000 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const paints = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
      const entries = (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[]).map(
        (r): Entry => ({
          name: new URL(r.name).pathname,
          type: r.initiatorType,
          start: r.startTime,
          connect: r.connectEnd > r.connectStart ? r.connectEnd - r.connectStart : 0,
          reqStart: r.requestStart,
          resStart: r.responseStart,
          end: r.responseEnd,
          wire: r.transferSize,
          blocking: r.renderBlockingStatus ?? '?',
        }),
      );
      return {
        nav: { resStart: nav.responseStart, end: nav.responseEnd, wire: nav.transferSize, domInteractive: nav.domInteractive, dcl: nav.domContentLoadedEventEnd },
        paints,
        marks: (globalThis as unknown as { __marks: Record<string, number> }).__marks,
        entries,
      };
    });
  } finally {
    await browser.close();
  }
}

const f = (n: number) => n.toFixed(0).padStart(5);

const rounds = Number(process.argv[2] ?? 1);
const emu = await startEmulator();
try {
  for (let i = 0; i < rounds; i++) {
    for (const [label, url, mark, init] of [
      ['sign-in form', `${emu.base}/ui/`, 'ready', undefined],
      ['signed in, charts drawn', `${emu.base}/ui/#overview`, 'charts', sessionScript(emu.auth)],
    ] as const) {
      const r = await record(url, mark, init);
      console.log(`\n## ${label} (round ${i + 1})`);
      console.log(`document: first byte ${f(r.nav.resStart)}, end ${f(r.nav.end)}, ${r.nav.wire} B; domInteractive ${f(r.nav.domInteractive)}, DOMContentLoaded ${f(r.nav.dcl)}`);
      console.log(`paints: ${Object.entries(r.paints).map(([k, v]) => `${k} ${f(v)}`).join(', ')}; marks: ${Object.entries(r.marks).map(([k, v]) => `${k} ${f(v)}`).join(', ')}`);
      console.log(' start  conn   req  resp   end  wire B  blocking         type        name');
      for (const e of r.entries.sort((a, b) => a.start - b.start)) {
        console.log(`${f(e.start)} ${f(e.connect)} ${f(e.reqStart)} ${f(e.resStart)} ${f(e.end)} ${String(e.wire).padStart(7)}  ${e.blocking.padEnd(16)} ${e.type.padEnd(11)} ${e.name}`);
      }
    }
  }
} finally {
  await emu.stop();
}
