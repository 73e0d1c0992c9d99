// The admin page's ES module graph, read from the files themselves: which modules the entry needs
// before it can run, and which it loads later with import(). Pure; assets.ts turns the order into
// the page's <link rel="modulepreload"> list, so the list cannot drift from the code.
import path from 'node:path';

// The import forms the page's own modules and the vendored builds use: `import x from 'm'`,
// `import 'm'`, `export { x } from 'm'` (minified: `import{a as b}from"m"`), and `import('m')`.
const STATIC = /(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'])([^"'\n]+)\1/g;
const DYNAMIC = /(?<![\w$.])import\(\s*(["'])([^"'\n]+)\1\s*\)/g;

export interface ModuleImports {
  static: string[];
  dynamic: string[];
}

/** Specifiers as written in `source`, in order of appearance. */
export function importsOf(source: string): ModuleImports {
  return {
    static: [...source.matchAll(STATIC)].map((m) => m[2]!),
    dynamic: [...source.matchAll(DYNAMIC)].map((m) => m[2]!),
  };
}

/**
 * The file name (relative to the page) a specifier in module `from` loads: a bare name through the
 * import map, a relative one against `from`. Anything else would fail in the browser, so it throws.
 */
export function resolveSpecifier(specifier: string, from: string, importMap: Readonly<Record<string, string>>): string {
  const mapped = importMap[specifier];
  if (mapped !== undefined) return path.posix.normalize(mapped);
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const name = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
    if (!name.startsWith('../')) return name;
  }
  throw new Error(`${from} imports '${specifier}', which is neither relative inside the page nor in its import map`);
}

/**
 * Every module reachable from `entry`, in the order to preload them: first the entry's static
 * closure (what must arrive before the entry runs), then each import()'s static closure in the order
 * they are found. A module named but missing from `sources` throws (the page would fail to load).
 */
export function preloadOrder(entry: string, sources: ReadonlyMap<string, string>, importMap: Readonly<Record<string, string>>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const later: string[] = [];
  const closure = (root: string) => {
    const queue = [root];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      const source = sources.get(name);
      if (source === undefined) throw new Error(`the admin page's module ${name} does not exist`);
      seen.add(name);
      order.push(name);
      const imports = importsOf(source);
      queue.push(...imports.static.map((s) => resolveSpecifier(s, name, importMap)));
      later.push(...imports.dynamic.map((s) => resolveSpecifier(s, name, importMap)));
    }
  };
  closure(entry);
  while (later.length > 0) closure(later.shift()!);
  return order;
}
