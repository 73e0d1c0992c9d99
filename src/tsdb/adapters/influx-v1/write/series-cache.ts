// The series text of each point, cached: a trie keyed by the measurement, then each tag key and value in the
// order the point lists them, ends at the finished `measurement,k=v,...` bytes; names are checked and escaped
// only when a node is first made.
import type { Point } from '../../../adapter.ts';
import { escapeKey, escapeMeasurement } from './line-protocol.ts';

/** Entries a cache keeps (trie nodes here, field keys in the encoder) before it starts over. */
export const MAX_CACHED = 100_000;

/** One node of the series cache: a measurement, then one (tag key, tag value) per level, in the point's order. */
interface SeriesNode {
  /** UTF-8 of the escaped `measurement,k=v,...` (tags sorted) of the points that stop at this node. */
  prefix: Buffer | undefined;
  /**
   * The tag key the first point through here listed next, with its children by tag value: points of one
   * producer list the same keys in the same order, so a level costs one lookup, not two.
   */
  key: string | undefined;
  byValue: Map<string, SeriesNode> | undefined;
  /**
   * The value of `key` the last point through here had, and its child. Below the first tag the next one is
   * usually fixed (DeviceHub's tagID under its tagName, registerId under tagID), and one string comparison is
   * cheaper than hashing a fresh string for the Map (those lookups were a third of the encoder's CPU profile).
   */
  lastValue: string | undefined;
  lastChild: SeriesNode | undefined;
  /** Children under any other next tag key, by key then value. */
  other: Map<string, Map<string, SeriesNode>> | undefined;
}

export class SeriesCache {
  #roots = new Map<string, SeriesNode>();
  #nodes = 0;

  /** UTF-8 of the point's escaped `measurement,k=v,...`; throws the 400 for a name line protocol cannot carry. */
  prefixOf(p: Point): Buffer {
    let node: SeriesNode = this.#roots.get(p.measurement) ?? this.#root(p.measurement);
    const tags = p.tags;
    for (const k in tags) {
      const v = tags[k] ?? '';
      let byValue: Map<string, SeriesNode> | undefined;
      if (node.key === k) {
        if (node.lastValue === v && node.lastChild !== undefined) {
          node = node.lastChild;
          continue;
        }
        byValue = node.byValue;
      } else if (node.key === undefined) {
        node.key = k;
        byValue = node.byValue = new Map();
      } else {
        node.other ??= new Map();
        byValue = node.other.get(k);
        if (byValue === undefined) node.other.set(k, (byValue = new Map<string, SeriesNode>()));
      }
      let child: SeriesNode | undefined = byValue?.get(v);
      if (child === undefined) {
        // An empty tag value means "no tag" in InfluxDB's model and is left out, so its key is never written.
        if (v !== '') {
          escapeKey('tag key', k);
          escapeKey('tag value', v);
        }
        child = this.#add(byValue as Map<string, SeriesNode>, v);
      }
      if (node.key === k) {
        node.lastValue = v;
        node.lastChild = child;
      }
      node = child;
    }
    return (node.prefix ??= Buffer.from(seriesText(p), 'utf8'));
  }

  #root(measurement: string): SeriesNode {
    escapeMeasurement(measurement); // throws the 400 for an unwritable one
    return this.#add(this.#roots, measurement);
  }

  #add(parent: Map<string, SeriesNode>, key: string): SeriesNode {
    // Starting over keeps memory bounded; a node made before the reset stays valid for the walk that holds it.
    if (++this.#nodes > MAX_CACHED) {
      this.#roots = new Map();
      this.#nodes = 1;
    }
    const node: SeriesNode = {
      prefix: undefined,
      key: undefined,
      byValue: undefined,
      lastValue: undefined,
      lastChild: undefined,
      other: undefined,
    };
    parent.set(key, node);
    return node;
  }
}

/**
 * `measurement,k=v,...` with the tags sorted by code unit (InfluxDB stores them sorted and would sort them
 * itself), empty tag values left out.
 */
function seriesText(p: Point): string {
  let text = escapeMeasurement(p.measurement);
  for (const k of Object.keys(p.tags).sort()) {
    const v = p.tags[k];
    if (v === undefined || v === '') continue;
    text += ',' + escapeKey('tag key', k) + '=' + escapeKey('tag value', v);
  }
  return text;
}
