// A merge of sorted streams that takes items in exactly the order influxd 1.6's merge iterators do: they keep
// one item per input in a Go container/heap (query/iterator.gen.go), so items its comparator calls equal come
// out in the order that heap's sift-up and sift-down give, which clients see wherever a LIMIT cuts between them.

interface Cursor<T> {
  items: T[];
  at: number;
}

/** Merges `streams` (each already in order) as Go's heap.Init, heap.Pop and heap.Push would with `less`. */
export function goHeapMerge<T>(streams: T[][], less: (a: T, b: T) => boolean): T[] {
  const h: Cursor<T>[] = streams.filter((s) => s.length > 0).map((items) => ({ items, at: 0 }));
  if (h.length <= 1) return h[0]?.items.slice() ?? [];
  const head = (k: number) => {
    const c = h[k] as Cursor<T>;
    return c.items[c.at] as T;
  };
  const lessAt = (i: number, j: number) => less(head(i), head(j));
  const swap = (i: number, j: number) => {
    const t = h[i] as Cursor<T>;
    h[i] = h[j] as Cursor<T>;
    h[j] = t;
  };
  const down = (i0: number, n: number) => {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n) break;
      let j = j1;
      if (j1 + 1 < n && lessAt(j1 + 1, j1)) j = j1 + 1;
      if (!lessAt(j, i)) break;
      swap(i, j);
      i = j;
    }
  };
  const up = (j0: number) => {
    let j = j0;
    for (;;) {
      // Go's (j-1)/2 truncates toward zero: the root is its own parent.
      const i = Math.trunc((j - 1) / 2);
      if (i === j || !lessAt(j, i)) break;
      swap(i, j);
      j = i;
    }
  };
  for (let i = Math.trunc(h.length / 2) - 1; i >= 0; i--) down(i, h.length);
  const out: T[] = [];
  while (h.length > 0) {
    const last = h.length - 1;
    swap(0, last);
    down(0, last);
    const c = h.pop() as Cursor<T>;
    out.push(c.items[c.at] as T);
    c.at++;
    if (c.at < c.items.length) {
      h.push(c);
      up(h.length - 1);
    }
  }
  return out;
}
