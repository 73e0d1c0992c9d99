// The /ui/ routes through inject(): served without a token (and only they are), every file the page
// references exists with its type, every module is preloaded in the order it is needed, gzip and ETag
// revalidation work, the CSP admits exactly the page's import map, and nothing outside the known
// files is reachable.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_DIR, VENDOR_FILES } from '../../src/ui/assets.ts';
import { startApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => (t = await startApp()));
afterAll(() => t.close());

const anon = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('/ui/ without credentials', () => {
  it('serves the page with a CSP that admits its import map and nothing else inline', async () => {
    const res = await anon('/ui/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const map = /<script type="importmap">([\s\S]*?)<\/script>/.exec(res.body)?.[1] ?? '';
    const hash = createHash('sha256').update(map).digest('base64');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // Every module and stylesheet the page names is served, with a type the browser will run.
    const refs = [...res.body.matchAll(/(?:href|src)="(?!data:)([^"]+)"/g), ...Object.values((JSON.parse(map) as { imports: Record<string, string> }).imports).map((v) => [v, v])].map((m) => m[1]!.replace(/^\.\//, ''));
    expect(refs.length).toBeGreaterThan(6);
    for (const ref of refs) {
      const file = await anon(`/ui/${ref}`);
      expect(file.statusCode, ref).toBe(200);
      expect(file.headers['content-type'], ref).toMatch(ref.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
  });

  it('preloads every module the page has, what the sign-in form runs on first, and no chart code before the shell', async () => {
    const html = (await anon('/ui/')).body;
    const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]!);
    const onDisk = (await readdir(PUBLIC_DIR, { recursive: true })).filter((n) => n.endsWith('.js')).map((n) => n.split(path.sep).join('/'));
    const vendorModules = Object.keys(VENDOR_FILES).filter((n) => n.endsWith('.mjs')).map((n) => `vendor/${n}`);
    // Every file is reachable from main.js: a module the list missed would be a round trip, one it
    // names twice or that does not exist a wasted request.
    expect([...preloads].sort()).toEqual([...onDisk, ...vendorModules].sort());
    expect(preloads[0]).toBe('js/main.js');
    const shell = preloads.indexOf('js/shell.js');
    for (const signIn of ['js/pages/signin.js', 'js/session.js', 'js/api.js', 'vendor/preact.mjs', 'vendor/htm.mjs']) {
      expect(preloads.indexOf(signIn), signIn).toBeLessThan(shell);
    }
    for (const signedIn of ['js/pages/overview.js', 'js/chart.js', 'js/history.js', 'js/components.js']) {
      expect(preloads.indexOf(signedIn), signedIn).toBeGreaterThan(shell);
    }
    // The chart library is no module; uplot.js adds it on demand. Nothing in the head waits for it.
    expect(html).not.toMatch(/uPlot/);
  });

  it('/ui redirects to /ui/; HEAD works; every vendored build is there', async () => {
    const res = await anon('/ui');
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('/ui/');
    expect((await t.app.inject({ method: 'HEAD', url: '/ui/js/main.js' })).statusCode).toBe(200);
    for (const name of Object.keys(VENDOR_FILES)) expect((await anon(`/ui/vendor/${name}`)).statusCode, name).toBe(200);
  });

  it('gzips for clients that accept it and answers 304 to a matching ETag', async () => {
    const plain = await anon('/ui/js/main.js');
    const zipped = await anon('/ui/js/main.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const again = await anon('/ui/js/main.js', { 'if-none-match': String(plain.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it.each(['/ui/nope.js', '/ui/..%2f..%2fpackage.json', '/ui/vendor/preact', '/ui/js', '/ui/vendor/'])(
    '%s is a JSON 404, not a file from elsewhere',
    async (url) => {
      const res = await anon(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'Not Found', message: expect.any(String) });
    },
  );

  // Dot segments are resolved before routing: these leave /ui/, so they meet the auth hook.
  it.each(['/ui/../src/config.ts', '/ui/vendor/../../package.json', '/ui/%2e%2e/assets.ts'])('%s leaves /ui/ and gets no file', async (url) => {
    const res = await anon(url);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'Unauthorized', message: expect.any(String) });
  });
});

describe('the exemption covers /ui/ only', () => {
  it.each(['/stats/metrics', '/stats/tsdb', '/stats/db', '/stats/users', '/docs', '/docs/json', '/uix', '/ui.html'])('%s still needs a token', async (url) => {
    expect((await anon(url)).statusCode).toBe(401);
  });
});
