// The one string order for everything we sort and list: UTF-16 code-unit order, which is what `<` and a bare
// Array#sort use. The same on every machine and locale (localeCompare is not), so listings are stable.

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
