// The write pipeline's control flow (write/pipeline.ts) over plain callbacks: chunk bounds, the in-flight
// bound, empty bodies skipped, and the first failure stopping new requests while the ones on the wire settle.
import { describe, expect, it } from 'vitest';
import { writeChunkEnds } from '../../../../../src/tsdb/adapters/influx-v1/write/index.ts';
import { writePipelined } from '../../../../../src/tsdb/adapters/influx-v1/write/pipeline.ts';

/** A send whose requests stay open until the test settles them, in any order. */
function controlledSend() {
  const open: { body: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const sent: string[] = [];
  let maxOpen = 0;
  // The body leaves at once (flushed); the answer waits for settle().
  const send = (body: string, flushed: () => void) =>
    new Promise<void>((resolve, reject) => {
      sent.push(body);
      flushed();
      open.push({ body, resolve, reject });
      maxOpen = Math.max(maxOpen, open.length);
    });
  const settle = (body: string, err?: Error) => {
    const i = open.findIndex((r) => r.body === body);
    const [r] = open.splice(i, 1);
    if (!r) throw new Error(`${body} is not open`);
    if (err) r.reject(err);
    else r.resolve();
  };
  return { send, sent, open, settle, maxOpen: () => maxOpen };
}

const tick = () => new Promise((r) => setImmediate(r));
const build = (s: number, e: number) => `${s}-${e}`;

describe('writePipelined', () => {
  it('covers the chunks up to each end, in order', async () => {
    const sent: string[] = [];
    await writePipelined({ ends: [3, 6, 7], inFlight: 2, build, send: async (b) => void sent.push(b) });
    expect(sent).toEqual(['0-3', '3-6', '6-7']);
  });

  it('does nothing for no items, and skips chunks that built to nothing', async () => {
    const sent: string[] = [];
    await writePipelined({ ends: [], inFlight: 2, build, send: async (b) => void sent.push(b) });
    expect(sent).toEqual([]);
    const some = (s: number, e: number) => (s === 3 ? undefined : build(s, e));
    await writePipelined({ ends: [3, 6, 9], inFlight: 2, build: some, send: async (b) => void sent.push(b) });
    expect(sent).toEqual(['0-3', '6-9']);
  });

  it('never has more than inFlight requests open, and resolves only when all are written', async () => {
    const c = controlledSend();
    let done = false;
    const call = writePipelined({ ends: [1, 2, 3, 4, 5], inFlight: 2, build, send: c.send }).then(() => (done = true));
    await tick();
    await tick();
    expect(c.sent).toEqual(['0-1', '1-2']);
    c.settle('1-2'); // answers may come back out of order
    await tick();
    await tick();
    expect(c.sent).toEqual(['0-1', '1-2', '2-3']);
    for (const b of ['0-1', '2-3', '3-4']) {
      c.settle(b);
      await tick();
      await tick();
    }
    expect(done).toBe(false);
    c.settle('4-5');
    await call;
    expect(c.maxOpen()).toBe(2);
  });

  it('the first failure stops new requests, waits for those on the wire, then rejects with that error', async () => {
    const c = controlledSend();
    let settled = false;
    const call = writePipelined({ ends: [1, 2, 3, 4, 5, 6], inFlight: 2, build, send: c.send }).finally(() => (settled = true));
    call.catch(() => {});
    await tick();
    await tick();
    c.settle('0-1', new Error('first'));
    await tick();
    await tick();
    expect(settled).toBe(false); // '1-2' is still on the wire
    c.settle('1-2', new Error('second'));
    await expect(call).rejects.toThrow('first');
    expect(c.sent).toEqual(['0-1', '1-2']);
  });

  it('a throwing build fails the call, but only after the requests already sent settle', async () => {
    const c = controlledSend();
    const failing = (s: number, e: number) => {
      if (s === 1) throw new Error('bad point');
      return build(s, e);
    };
    let settled = false;
    const call = writePipelined({ ends: [1, 2, 3, 4], inFlight: 2, build: failing, send: c.send }).finally(() => (settled = true));
    call.catch(() => {});
    await tick();
    await tick();
    expect(settled).toBe(false);
    c.settle('0-1');
    await expect(call).rejects.toThrow('bad point');
    expect(c.sent).toEqual(['0-1']);
  });

  it('builds the next body only once the previous one has left the process', async () => {
    const built: string[] = [];
    const flushers: (() => void)[] = [];
    // Answers come only when the test says so (a timer here raced the ticks on a loaded machine).
    const answers: (() => void)[] = [];
    const call = writePipelined({
      ends: [1, 2, 3],
      inFlight: 3,
      build: (s: number, e: number) => {
        built.push(build(s, e));
        return build(s, e);
      },
      send: (_b: string, flushed: () => void) => {
        flushers.push(flushed);
        return new Promise<void>((resolve) => answers.push(resolve));
      },
    });
    await tick();
    await tick();
    expect(built).toEqual(['0-1']);
    flushers[0]?.();
    await tick();
    expect(built).toEqual(['0-1', '1-2']);
    // The second body never reports flushed: its request settling counts as gone too.
    answers[1]?.();
    await tick();
    await tick();
    expect(built).toEqual(['0-1', '1-2', '2-3']);
    answers.forEach((answer) => answer());
    await call;
    expect(built).toEqual(['0-1', '1-2', '2-3']);
  });

  it.each([
    [0, []],
    [1, [1]],
    [1999, [1999]],
    [2000, [500, 1500, 2000]],
    [5000, [1000, 3000, 5000]],
    [7000, [1000, 3000, 7000]],
    [20_001, [1000, 3000, 7000, 12_000, 17_000, 20_001]],
  ])('a call of %i points goes in requests ending at %j', (count, ends) => {
    expect(writeChunkEnds(count)).toEqual(ends);
  });

  it('chunks cover every point once, small calls in one request, none over 5,000 lines', () => {
    for (let count = 0; count <= 60_000; count += 37) {
      const ends = writeChunkEnds(count);
      let prev = 0;
      for (const e of ends) {
        expect(e - prev).toBeGreaterThan(0);
        expect(e - prev).toBeLessThanOrEqual(5000);
        prev = e;
      }
      expect(prev).toBe(count);
      if (count < 2000) expect(ends.length).toBeLessThanOrEqual(1);
      else expect(ends[0]).toBeLessThanOrEqual(1000);
    }
  });
});
