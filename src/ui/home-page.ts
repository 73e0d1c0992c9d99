// Pure: what GET / answers. A browser gets a short HTML page (the admin page, the API docs, the README's
// quick start); a client that asks for JSON gets an index of the API built from the OpenAPI document.

/** Paths the landing page and the index point to. */
export const LINKS = { ui: '/ui/', docs: '/docs', openapi: '/docs/json', health: '/health' } as const;

const AUTH = 'HTTP Basic: the username is an API token, the password empty';

/**
 * True when the Accept header ranks application/json above text/html. Wildcards count for neither, so
 * a browser (text/html first), curl (`*\/*`) and a missing header all get the page.
 */
export function prefersJson(accept: string | undefined): boolean {
  const q = { 'application/json': 0, 'text/html': 0 };
  for (const range of (accept ?? '').split(',')) {
    const [type = '', ...params] = range.split(';').map((p) => p.trim().toLowerCase());
    if (!(type in q)) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(value)) q[type as keyof typeof q] = Math.max(q[type as keyof typeof q], value);
  }
  return q['application/json'] > q['text/html'];
}

export interface ApiIndex {
  name: string;
  auth: string;
  links: typeof LINKS;
  endpoints: { method: string; path: string; summary: string }[];
}

interface OpenApiLike {
  info?: { title?: string };
  paths?: object;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The index from the OpenAPI document, so it lists exactly the routes that exist (no data, no secrets). */
export function apiIndex(openapi: OpenApiLike): ApiIndex {
  const paths = (openapi.paths ?? {}) as Record<string, Record<string, { summary?: string } | undefined>>;
  const endpoints = Object.entries(paths).flatMap(([path, ops]) =>
    METHODS.flatMap((m) => {
      const op = ops[m];
      return op ? [{ method: m.toUpperCase(), path, summary: op.summary ?? '' }] : [];
    }),
  );
  return { name: openapi.info?.title ?? 'LitmusEdge DataHub API (emulator)', auth: AUTH, links: LINKS, endpoints };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The landing page; `origin` (from the request's Host) is only ever shown escaped. */
export function landingPage(origin: string): string {
  const o = escapeHtml(origin);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LitmusEdge DataHub emulator</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
pre { background: #f3f3f3; padding: .6rem .8rem; overflow-x: auto; }
</style>
</head>
<body>
<h1>LitmusEdge DataHub emulator</h1>
<p>This server behaves like the DataHub API of a LitmusEdge edge device. Every API endpoint uses ${escapeHtml(AUTH)}.</p>
<ul>
<li><a href="${LINKS.ui}">Admin page</a>: the time-series DB source, databases and users.</li>
<li><a href="${LINKS.docs}">API documentation</a> (OpenAPI; the document itself at <a href="${LINKS.openapi}">${LINKS.openapi}</a>). Both ask for a token.</li>
<li><a href="${LINKS.health}">${LINKS.health}</a>: whether the API, the metrics sampler and the active TSDB are usable.</li>
</ul>
<h2 id="quick-start">Quick start</h2>
<p>As in the README's <em>Quick start</em> and <em>API tokens</em> sections: on the machine running the emulator, in its
directory, create a token (or use the one printed at the first start), then call the API with it.</p>
<pre>TOKEN=$(npm run --silent token -- create --name me --role admin)
curl -u "$TOKEN:" ${o}/stats/metrics
curl -u "$TOKEN:" ${o}/stats/tsdb
curl -u "$TOKEN:" ${o}/stats/db</pre>
<p>A client that sends <code>Accept: application/json</code> to <code>/</code> gets an index of the API instead of this page.</p>
</body>
</html>
`;
}
