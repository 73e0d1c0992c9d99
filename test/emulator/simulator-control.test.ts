// The simulator under the emulator's control, on a capturing transport: SIM_SEED gives the same values on
// every run whatever the wall clock, offline devices publish nothing, failed tags publish read failures,
// and patterned tags follow their pattern. Pure apart from the simulator object.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/devicehub/message.ts';
import { Simulator } from '../../src/devicehub/simulator.ts';
import { patternValue, type TagPattern } from '../../src/devicehub/tag-patterns.ts';
import type { Transport } from '../../src/devicehub/transport.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

function capture(): { transport: Transport; messages: { subject: string; body: Record<string, unknown> }[] } {
  const messages: { subject: string; body: Record<string, unknown> }[] = [];
  const transport: Transport = {
    subscribe: () => undefined,
    open: () => undefined,
    publish: (subject, data) => {
      messages.push({ subject, body: JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown> });
      return true;
    },
    close: async () => undefined,
  };
  return { transport, messages };
}

function run(seed: number | undefined, startMs: number, ticks: number): unknown[] {
  const { transport, messages } = capture();
  const sim = new Simulator({ devices: 3, tagsPerDevice: 8, intervalMs: 1000, seed, transport, logger: quiet });
  for (let i = 0; i < ticks; i++) sim.tick(startMs + i * 1000);
  return messages.map((m) => m.body.value);
}

describe('SIM_SEED', () => {
  it('publishes the same value sequence on every run, whenever it starts', () => {
    const a = run(42, 1_700_000_000_000, 20);
    const b = run(42, 1_800_000_123_456, 20);
    expect(a).toHaveLength(3 * 8 * 20);
    expect(b).toEqual(a);
  });

  it('gives another sequence for another seed, and without a seed follows the clock', () => {
    expect(run(43, 1_700_000_000_000, 20)).not.toEqual(run(42, 1_700_000_000_000, 20));
    expect(run(undefined, 1_700_000_000_000, 20)).not.toEqual(run(undefined, 1_800_000_123_456, 20));
  });
});

describe('device states', () => {
  it('silences an offline device, fails tags, and pins a tag to its pattern', () => {
    const { transport, messages } = capture();
    const sim = new Simulator({ devices: 2, tagsPerDevice: 3, intervalMs: 1000, transport, logger: quiet });
    const [d0, d1] = sim.fleet;
    if (!d0 || !d1) throw new Error('fleet');
    sim.states.apply(d0.deviceID, { online: false }, 0);
    sim.states.apply(d1.deviceID, { failed_tags: ['Pressure'], values: { Temperature: { ramp: { from: 20, to: 30, over_s: 10 } } } }, 1_000_000);
    sim.tick(1_005_000);
    expect(messages.every((m) => m.body.deviceID === d1.deviceID)).toBe(true);
    const byTag = new Map(messages.map((m) => [m.body.tagName, m]));
    expect(byTag.get('Temperature')?.body.value).toBe(25);
    const failed = byTag.get('Pressure');
    expect(failed?.body).toMatchObject({ success: false, value: null });
    // A failed read still parses as a well-formed skip: nothing is written, the device is still heard.
    expect(parseMessage(failed?.subject ?? '', JSON.stringify(failed?.body)).kind).toBe('skip');
    expect(typeof byTag.get('PartCounter')?.body.value).toBe('number');

    // Back online with nothing set: the state is dropped and every tag is live again.
    sim.states.apply(d0.deviceID, { online: true }, 0);
    sim.states.apply(d1.deviceID, { failed_tags: [], values: { Temperature: null } }, 0);
    expect(sim.states.empty).toBe(true);
  });

  it.each([
    [{ constant: 7 }, 123_000, 7],
    [{ ramp: { from: 0, to: 100, over_s: 100 } }, 50_000, 50],
    [{ ramp: { from: 0, to: 100, over_s: 100 } }, 500_000, 100],
    [{ sine: { min: 0, max: 10, period_s: 4 } }, 1_000, 10],
    [{ steps: { values: [1, 2, 3], every_s: 2 } }, 5_000, 3],
    [{ steps: { values: [1, 2, 3], every_s: 2 } }, 6_000, 1],
  ] as [TagPattern, number, number][])('pattern %j at %d ms is %d', (p, ms, v) => {
    expect(patternValue(p, ms)).toBeCloseTo(v, 9);
  });
});
