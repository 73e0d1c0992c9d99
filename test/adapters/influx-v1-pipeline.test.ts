// The write pipeline's control flow (write-pipeline.ts) over plain callbacks: chunk bounds, the in-flight
// bound, empty bodies skipped, and the first failure stopping new requests while the ones on the wire settle.
import { describe, expect, it } from 'vitest';
import { writeChunkLines } from '../../src/tsdb/adapters/influx-v1/adapter.ts';
import { writePipelined } from '../../src/tsdb/adapters/influx-v1/write-pipeline.ts';

/** A send whose requests stay open until the test settles them, in any order. */
function controlledSend() {
  const open: { body: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const sent: string[] = [];
  let maxOpen = 0;
  const send = (body: string) =>
    new Promise<void>((resolve, reject) => {
      sent.push(body);
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
  it('covers [0, count) in chunks, the last one short, in order', async () => {
    const sent: string[] = [];
    await writePipelined({ count: 7, chunk: 3, inFlight: 2, build, send: async (b) => void sent.push(b) });
    expect(sent).toEqual(['0-3', '3-6', '6-7']);
  });

  it('does nothing for no items, and skips chunks that built to nothing', async () => {
    const sent: string[] = [];
    await writePipelined({ count: 0, chunk: 3, inFlight: 2, build, send: async (b) => void sent.push(b) });
    expect(sent).toEqual([]);
    const some = (s: number, e: number) => (s === 3 ? '' : build(s, e));
    await writePipelined({ count: 9, chunk: 3, inFlight: 2, build: some, send: async (b) => void sent.push(b) });
    expect(sent).toEqual(['0-3', '6-9']);
  });

  it('never has more than inFlight requests open, and resolves only when all are written', async () => {
    const c = controlledSend();
    let done = false;
    const call = writePipelined({ count: 5, chunk: 1, inFlight: 2, build, send: c.send }).then(() => (done = true));
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
    const call = writePipelined({ count: 6, chunk: 1, inFlight: 2, build, send: c.send }).finally(() => (settled = true));
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
    const call = writePipelined({ count: 4, chunk: 1, inFlight: 2, build: failing, send: c.send }).finally(() => (settled = true));
    call.catch(() => {});
    await tick();
    await tick();
    expect(settled).toBe(false);
    c.settle('0-1');
    await expect(call).rejects.toThrow('bad point');
    expect(c.sent).toEqual(['0-1']);
  });

  it.each([
    [1, 500],
    [500, 500],
    [1200, 600],
    [5000, 2500],
    [15_000, 5000],
    [20_000, 5000],
    [20_001, 4001],
  ])('a call of %i points goes in requests of at most %i lines', (count, lines) => {
    expect(writeChunkLines(count)).toBe(lines);
  });
});
