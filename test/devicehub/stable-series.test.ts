// StableSeries (and the consumer that uses it): points of one subject share their measurement string and tags object while those stay equal.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Consumer } from '../../src/devicehub/consumer.ts';
import { encodeMessage, subjectFor } from '../../src/devicehub/message.ts';
import { StableSeries } from '../../src/devicehub/stable-series.ts';
import type { Point } from '../../src/tsdb/adapter.ts';

const point = (tags: Record<string, string>, measurement = 'M1.ID1', value = 1): Point => ({
  measurement,
  tags,
  fields: { value },
  timestampMs: 1_700_000_000_000 + value,
});
const TAGS = { tagName: 'Temperature', tagID: 'T1', registerId: 'ns=2;s=Temperature' };

describe('StableSeries', () => {
  it('hands every point of a subject the first point\'s tags object while the tags are equal', () => {
    const s = new StableSeries();
    const first = s.stable('devicehub.raw.ID1.T1', point({ ...TAGS }));
    const second = s.stable('devicehub.raw.ID1.T1', point({ ...TAGS }, 'M1.ID1', 2));
    expect(second.tags).toBe(first.tags);
    expect(second).toEqual({ measurement: 'M1.ID1', tags: TAGS, fields: { value: 2 }, timestampMs: 1_700_000_000_002 });
  });

  it.each([
    ['a tag value changed', { ...TAGS, registerId: '40001' }, 'M1.ID1'],
    ['a tag left out', { tagName: 'Temperature', tagID: 'T1' }, 'M1.ID1'],
    ['a tag added', { ...TAGS, extra: 'x' }, 'M1.ID1'],
    ['the measurement changed', { ...TAGS }, 'M1-renamed.ID1'],
  ])('keeps a point\'s own tags when %s, and shares those from then on', (_, tags, measurement) => {
    const s = new StableSeries();
    const first = s.stable('devicehub.raw.ID1.T1', point({ ...TAGS }));
    const changed = s.stable('devicehub.raw.ID1.T1', point(tags, measurement));
    expect(changed.tags).not.toBe(first.tags);
    expect(changed.tags).toEqual(tags);
    expect(changed.measurement).toBe(measurement);
    const next = s.stable('devicehub.raw.ID1.T1', point({ ...tags }, measurement));
    expect(next.tags).toBe(changed.tags);
  });

  it('forgets every subject once 100,000 are remembered, so invented subjects cannot grow memory forever', () => {
    const s = new StableSeries();
    const first = s.stable('devicehub.raw.ID1.T0', point({ ...TAGS }));
    for (let i = 1; i < 100_000; i++) s.stable(`devicehub.raw.ID1.T${i}`, point({ ...TAGS }));
    // Still remembered at the bound.
    expect(s.stable('devicehub.raw.ID1.T0', point({ ...TAGS })).tags).toBe(first.tags);
    // One subject more clears the map: T0's next point keeps its own tags, and is remembered from then on.
    s.stable('devicehub.raw.ID1.T100000', point({ ...TAGS }));
    const after = s.stable('devicehub.raw.ID1.T0', point({ ...TAGS }));
    expect(after.tags).not.toBe(first.tags);
    expect(s.stable('devicehub.raw.ID1.T0', point({ ...TAGS })).tags).toBe(after.tags);
  });

  it('never shares tags between subjects, even equal ones', () => {
    const s = new StableSeries();
    const a = s.stable('devicehub.raw.ID1.T1', point({ ...TAGS }));
    const b = s.stable('devicehub.raw.ID1.T2', point({ ...TAGS }));
    expect(b.tags).not.toBe(a.tags);
  });
});

describe('Consumer', () => {
  it('passes the points of one subject to the writer with one shared tags object', () => {
    const points: Point[] = [];
    const consumer = new Consumer({ counter: { inc() {} }, sink: { add: (p) => points.push(p) }, logger: pino({ level: 'silent' }) });
    const msg = (value: number) => encodeMessage({
      deviceID: 'D1', deviceName: 'M1', tagName: 'Temperature', registerId: 'r1', datatype: 'float64',
      description: '', metadata: null, success: true, timestamp: 1_700_000_000_000 + value, value,
    });
    consumer.handle(subjectFor('D1', 'T1'), msg(1));
    consumer.handle(subjectFor('D1', 'T1'), msg(2));
    expect(points.map((p) => p.fields)).toEqual([{ value: 1 }, { value: 2 }]);
    expect(points[1]?.tags).toBe(points[0]?.tags);
  });
});
