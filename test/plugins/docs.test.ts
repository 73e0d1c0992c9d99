// The OpenAPI document at /docs/json (built from the request schemas) and the UI at /docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../../support/test-app.ts';

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; parameters?: unknown[] }>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string; flows?: unknown }> };
  security: unknown[];
}

let t: TestApp;
let doc: OpenApiDoc;
beforeAll(async () => {
  t = await startApp();
  const res = await t.request({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  doc = res.json<OpenApiDoc>();
});
afterAll(async () => {
  await t.close();
});

const ENDPOINTS: [string, string, string][] = [
  ['get', '/stats/tsdb', '200'],
  ['put', '/stats/tsdb/state/{state}', '204'],
  ['put', '/stats/tsdb/dbsource/{db_source_type}', '204'],
  ['get', '/stats/tsdb/dbvendors', '200'],
  ['get', '/stats/tsdb/dbsource/{db_source_type}/test', '200'],
  ['get', '/stats/db', '200'],
  ['post', '/stats/db', '204'],
  ['delete', '/stats/db/{db_name}/measurements/{db_measurement}', '204'],
  ['delete', '/stats/db/{db_name}', '204'],
  ['get', '/stats/users', '200'],
  ['post', '/stats/users', '204'],
  ['put', '/stats/users/{db_username}/grant_privileges', '204'],
  ['put', '/stats/users/{db_username}/revoke_privileges', '204'],
  ['put', '/stats/users/{db_username}/password', '204'],
  ['delete', '/stats/users/{db_username}/delete', '204'],
];

describe('GET /docs/json', () => {
  it('is OpenAPI 3 with Basic, Bearer and OAuth2 client credentials as alternatives applied globally', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.basicAuth).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.securitySchemes.oauth2).toMatchObject({
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: '/auth/v3/oauth/token', scopes: {} } },
    });
    expect(doc.security).toEqual([{ basicAuth: [] }, { bearerAuth: [] }, { oauth2: [] }]);
  });

  it('documents the token endpoints and the JWKS as needing no credentials', () => {
    for (const [method, route] of [['post', '/auth/v3/oauth/token'], ['post', '/api/v3/oauth/token'], ['get', '/auth/v3/oauth/jwks']] as const) {
      const op = doc.paths[route]?.[method] as { security?: unknown[]; requestBody?: { content: Record<string, unknown> } } | undefined;
      expect(op, `${method} ${route}`).toBeDefined();
      expect(op?.security).toEqual([]);
      if (method === 'post') expect(Object.keys(op?.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded']);
    }
  });

  it.each(ENDPOINTS)('documents %s %s with its success status', (method, route, status) => {
    const op = doc.paths[route]?.[method];
    expect(op, `${method} ${route}`).toBeDefined();
    expect(Object.keys(op?.responses ?? {})).toContain(status);
  });

  it('carries the document examples and enums', () => {
    const text = JSON.stringify(doc);
    for (const fragment of ['"InfluxDB v1.7.7"', '"apiTest"', '"observer"', '"le_stats"', '"NO PRIVILEGES"', '"db_influx2_org_name"', '69788326']) {
      expect(text).toContain(fragment);
    }
    const state = JSON.stringify(doc.paths['/stats/tsdb/state/{state}']?.put?.parameters);
    expect(state).toContain('"enable"');
    expect(state).toContain('"disable"');
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI', async () => {
    const res = await t.request({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('needs credentials like every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(401);
  });
});
