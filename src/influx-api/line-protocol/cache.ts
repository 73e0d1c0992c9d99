// What the parser remembers between bodies: series keys seen valid and field names as JSON. A writer sends
// the same few hundred series in every body; remembered across bodies, a key is parsed once and its points
// share one tags object from request to request, which the engine finds its series ids by (series-store.ts).
import type { Key } from './key.ts';

/** Entries per map at most; a full map starts over (high-cardinality keys cost a parse each, as before). */
const MAX_ENTRIES = 10_000;

/**
 * A copy of `s` that holds no reference to the string it was sliced from: V8 keeps a slice's whole parent
 * alive, and a remembered key must not keep a request's 64 KiB piece of body (or all of them) in memory.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

export class LineCache {
  readonly #keys = new Map<string, Key>();
  readonly #names = new Map<string, string>();

  /** The parsed key of a key text seen before (the whole text before the fields, escapes and all). */
  key(text: string): Key | undefined {
    return this.#keys.get(text);
  }

  /** Remembers a key (and returns the remembered copy, which the caller's point must use). */
  rememberKey(text: string, key: Key): Key {
    if (this.#keys.size >= MAX_ENTRIES) this.#keys.clear();
    const tags: Record<string, string> = {};
    for (const name in key.tags) tags[detached(name)] = detached(key.tags[name] as string);
    const kept: Key = { measurement: detached(key.measurement), tags, end: key.end };
    this.#keys.set(detached(text), kept);
    return kept;
  }

  /** A field name as a JSON string. */
  nameJson(name: string): string {
    let text = this.#names.get(name);
    if (text === undefined) {
      text = JSON.stringify(name);
      if (this.#names.size >= MAX_ENTRIES) this.#names.clear();
      this.#names.set(name, text);
    }
    return text;
  }
}
