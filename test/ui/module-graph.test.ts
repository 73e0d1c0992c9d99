// The admin page's module graph reader (src/ui/module-graph.ts), table-driven on inline sources: the
// import forms our modules and the minified vendor builds use, resolution through the import map, and
// the preload order (the entry's static closure first, then each import()'s).
import { describe, expect, it } from 'vitest';
import { importsOf, preloadOrder, resolveSpecifier } from '../../src/ui/module-graph.ts';

describe('importsOf', () => {
  it.each([
    ["import { h } from 'preact';", ['preact'], []],
    ['import htm from "htm";', ['htm'], []],
    ["import './side-effect.js';", ['./side-effect.js'], []],
    ["import {\n  a,\n  b,\n} from './multi.js';", ['./multi.js'], []],
    ["import * as ns from './ns.js'", ['./ns.js'], []],
    ["export { x } from './re.js'; export * from './all.js';", ['./re.js', './all.js'], []],
    ['import{options as n,Fragment as t}from"preact";var x=1;', ['preact'], []],
    ["const m = import('./later.js'); import( \"./other.js\" )", [], ['./later.js', './other.js']],
    ['', [], []],
    // Not imports: a longer word, a method called import, an export without a source, a variable import.
    ["const important = 'x'; obj.import('y'); export const z = 'w'; import(name);", [], []],
  ])('%j', (source, statics, dynamics) => {
    expect(importsOf(source)).toEqual({ static: statics, dynamic: dynamics });
  });
});

describe('resolveSpecifier', () => {
  const map = { preact: './vendor/preact.mjs', 'preact/hooks': './vendor/preact-hooks.mjs' };
  it.each([
    ['preact', 'js/main.js', 'vendor/preact.mjs'],
    ['preact/hooks', 'js/pages/users.js', 'vendor/preact-hooks.mjs'],
    ['./api.js', 'js/main.js', 'js/api.js'],
    ['../html.js', 'js/pages/users.js', 'js/html.js'],
    ['./pages/overview.js', 'js/shell.js', 'js/pages/overview.js'],
  ])('%s from %s is %s', (specifier, from, name) => expect(resolveSpecifier(specifier, from, map)).toBe(name));

  it.each([
    ['htm', 'js/html.js'],
    ['../../outside.js', 'js/main.js'],
    ['/ui/js/api.js', 'js/main.js'],
  ])('%s from %s throws (the browser could not load it)', (specifier, from) => {
    expect(() => resolveSpecifier(specifier, from, map)).toThrow(new RegExp(`${from} imports '${specifier.replace(/[./]/g, '\\$&')}'`));
  });
});

describe('preloadOrder', () => {
  const map = { lib: './vendor/lib.mjs' };
  const sources = new Map([
    ['js/main.js', "import lib from 'lib'; import { a } from './a.js'; const later = () => import('./shell.js');"],
    ['js/a.js', "import { b } from './b.js'; import lib from 'lib';"],
    ['js/b.js', "import { a } from './a.js'; export const b = 1;"],
    ['js/shell.js', "import { page } from './page.js'; import { a } from './a.js';"],
    ['js/page.js', "import lib from 'lib'; const charts = () => import('./charts.js');"],
    ['js/charts.js', 'export const c = 1;'],
    ['js/unused.js', 'export const u = 1;'],
    ['vendor/lib.mjs', 'export default 1;'],
  ]);

  it('lists the static closure of the entry first, then each import() in turn; cycles and shared modules once', () => {
    expect(preloadOrder('js/main.js', sources, map)).toEqual([
      'js/main.js', 'vendor/lib.mjs', 'js/a.js', 'js/b.js',
      'js/shell.js', 'js/page.js',
      'js/charts.js',
    ]);
  });

  it('throws on a module that does not exist', () => {
    const broken = new Map(sources).set('js/b.js', "import { gone } from './gone.js';");
    expect(() => preloadOrder('js/main.js', broken, map)).toThrow("the admin page's module js/gone.js does not exist");
  });
});
