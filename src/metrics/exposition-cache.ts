// The rendered exposition and its UTF-8 bytes, made on the first scrape of a sample and reused by every other
// scrape of it: a scrape sends bytes formatted and encoded once, never a text and a body of two samples.
import type { Registry } from 'prom-client';

interface Rendered {
  /** The sample it shows (see invalidate()). */
  version: number;
  text: string;
  body: Buffer | undefined;
}

/**
 * Rendered on demand, not on every sample: prom-client writes each value with a template literal, and V8's
 * number-string cache allocates every new number text in the old generation; an idle server rendering every
 * second what nobody read grew by ~1 MB/h of garbage waiting for a rare full GC (bench/README.md, "Memory
 * over time"). The body likewise: a buffer made every sample lived long enough to be promoted.
 */
export class ExpositionCache {
  readonly #registry: Registry;
  #version = 0;
  #rendered: Rendered | undefined;
  #rendering: Promise<Rendered> | undefined;

  constructor(registry: Registry) {
    this.#registry = registry;
  }

  /** A new sample is in the registry: the next scrape renders it. */
  invalidate(): void {
    this.#version++;
  }

  async text(): Promise<string> {
    return (await this.#current()).text;
  }

  async body(): Promise<Buffer> {
    const rendered = await this.#current();
    return (rendered.body ??= Buffer.from(rendered.text, 'utf8'));
  }

  #current(): Promise<Rendered> {
    if (this.#rendered?.version === this.#version) return Promise.resolve(this.#rendered);
    // Concurrent scrapes of a new sample share one render.
    this.#rendering ??= this.#render().finally(() => {
      this.#rendering = undefined;
    });
    return this.#rendering;
  }

  async #render(): Promise<Rendered> {
    for (;;) {
      const version = this.#version;
      const text = await this.#registry.metrics();
      // A sample written while prom-client rendered (it awaits between families) may show in part: again.
      if (version === this.#version) return (this.#rendered = { version, text, body: undefined });
    }
  }
}
