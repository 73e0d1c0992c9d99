// The admin page's files: everything under src/ui/public plus a fixed list of browser builds from
// node_modules (served as they ship: no build step), read once on first use, gzipped once, and
// looked up by exact name only, so no request path ever reaches the filesystem.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { preloadOrder } from './module-graph.ts';

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Name under /ui/vendor/ → module specifier; the page's import map refers to these names. */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  'preact.mjs': 'preact',
  'preact-hooks.mjs': 'preact/hooks',
  'htm.mjs': 'htm',
  // uPlot has no "exports" map, so its files are addressed by path. Its minified build is an IIFE
  // (window.uPlot), half the gzipped size of its unminified ESM build and quicker to parse.
  'uPlot.iife.min.js': 'uplot/dist/uPlot.iife.min.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  contentType: string;
  etag: string;
}

export interface AssetSet {
  files: ReadonlyMap<string, Asset>;
  /** The CSP source for the inline import map of index.html (inline scripts are otherwise refused). */
  importMapHash: string;
}

async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const name = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await walk(path.join(dir, entry.name), `${name}/`)));
    else if (path.extname(entry.name) in CONTENT_TYPES) out.push(name);
  }
  return out;
}

function asset(name: string, body: Buffer): Asset {
  return {
    body,
    gzip: gzipSync(body, { level: 9 }),
    contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

const PRELOAD_MARK = '<!-- modulepreload -->';

export async function loadAssets(): Promise<AssetSet> {
  const files = new Map<string, Asset>();
  for (const name of await walk(PUBLIC_DIR)) {
    if (name !== 'index.html') files.set(name, asset(name, await readFile(path.join(PUBLIC_DIR, name))));
  }
  for (const [name, specifier] of Object.entries(VENDOR_FILES)) {
    files.set(`vendor/${name}`, asset(name, await readFile(fileURLToPath(import.meta.resolve(specifier)))));
  }
  // Every module the page can load is named up front, so the browser fetches them side by side
  // instead of discovering them import by import (four round trips deep), and in the order they are
  // needed: what the sign-in form runs on first, the signed-in shell after it. Read from the
  // modules' own imports at start-up, so the list cannot drift.
  const template = await readFile(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
  if (!template.includes(PRELOAD_MARK)) throw new Error(`src/ui/public/index.html has no ${PRELOAD_MARK}`);
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(template)?.[1];
  if (importMap === undefined) throw new Error('src/ui/public/index.html has no import map');
  const entry = /<script type="module" src="([^"]+)"><\/script>/.exec(template)?.[1];
  if (entry === undefined) throw new Error('src/ui/public/index.html has no module script');
  const sources = new Map([...files].filter(([n]) => /\.m?js$/.test(n)).map(([n, a]) => [n, a.body.toString('utf8')]));
  const modules = preloadOrder(entry, sources, (JSON.parse(importMap) as { imports: Record<string, string> }).imports);
  const html = template.replace(PRELOAD_MARK, modules.map((m) => `<link rel="modulepreload" href="${m}">`).join('\n'));
  files.set('index.html', asset('index.html', Buffer.from(html)));
  return { files, importMapHash: `'sha256-${createHash('sha256').update(importMap).digest('base64')}'` };
}
