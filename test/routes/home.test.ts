// GET / without credentials: the landing page for browsers and anything not asking for JSON, a JSON index
// of the API (from the OpenAPI document: no data, no secrets) for Accept: application/json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landingPage, prefersJson, type ApiIndex } from '../../src/ui/home-page.ts';
import { startApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t.close());

const anonymous = (accept?: string) => t.app.inject({ method: 'GET', url: '/', headers: accept === undefined ? {} : { accept } });

describe('prefersJson', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/json, text/html', false],
    ['text/html;q=0.5, application/json', true],
    ['application/json;q=0', false],
    ['application/json;q=abc', false],
    ['application/*', false],
  ])('%j -> %s', (accept, expected) => {
    expect(prefersJson(accept)).toBe(expected);
  });
});

describe('GET /', () => {
  it.each([undefined, '*/*', 'text/html,application/xhtml+xml,*/*;q=0.8'])('Accept %j gets the HTML page, no credentials needed', async (accept) => {
    const res = await anonymous(accept);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers.vary).toBe('Accept');
    for (const href of ['/ui/', '/docs', '/docs/json', '/health']) expect(res.body).toContain(`href="${href}"`);
    expect(res.body).toContain('id="quick-start"');
    expect(res.body).toContain('npm run --silent token -- create');
    expect(res.body).toContain('curl -u "$TOKEN:" http://localhost:80/stats/metrics');
  });

  it('escapes the Host header it shows', () => {
    expect(landingPage('http://"><script>x</script>')).toContain('http://&quot;&gt;&lt;script&gt;x&lt;/script&gt;');
    expect(landingPage('http://"><script>x</script>')).not.toContain('<script>');
  });

  it('Accept: application/json gets an index of the API: links and every documented endpoint, no data', async () => {
    await anonymous(); // the page first: the index does not depend on it
    expect((await t.request({ method: 'POST', url: '/stats/db', payload: { dbName: 'plant_secret' } })).statusCode).toBe(204);
    const res = await anonymous('application/json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const index = res.json<ApiIndex>();
    expect(index).toMatchObject({
      name: 'LitmusEdge DataHub API (emulator)',
      links: { ui: '/ui/', docs: '/docs', openapi: '/docs/json', health: '/health' },
    });
    expect(index.endpoints).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/stats/metrics', summary: 'DataHub Prometheus metrics' },
        { method: 'GET', path: '/stats/db', summary: expect.any(String) },
        { method: 'DELETE', path: '/stats/db/{db_name}', summary: expect.any(String) },
        { method: 'GET', path: '/health', summary: expect.any(String) },
      ]),
    );
    expect(index.endpoints.some((e) => e.path.startsWith('/docs'))).toBe(false);
    expect(res.body).not.toContain('plant_secret');
    expect(res.body).not.toContain('route-tests-admin-token');
  });

  it('stays public only on its own route: the API still asks for credentials', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/stats/tsdb' });
    expect(res.statusCode).toBe(401);
  });
});
