// The rendered exposition, as text and as UTF-8 bytes, replaced together once per sample: a scrape then sends
// bytes that were formatted and encoded once, and never a text and a body of different samples.
import type { Registry } from 'prom-client';

export class ExpositionCache {
  #text = '';
  #body = Buffer.alloc(0);

  get text(): string {
    return this.#text;
  }

  get body(): Buffer {
    return this.#body;
  }

  async render(registry: Registry): Promise<void> {
    const text = await registry.metrics();
    // Both after the await, so nothing in between sees one without the other.
    this.#text = text;
    this.#body = Buffer.from(text, 'utf8');
  }
}
