// The DeviceHub message parser, table-driven on inline payloads: good, read-failure and malformed input.
import { describe, expect, it } from 'vitest';
import { fieldsFor, parseMessage, subjectFor } from '../../src/devicehub/message.ts';
import { natsAuthOptions, redactUrl } from '../../src/devicehub/nats-transport.ts';

const DEV = '7C24EDB3-D95C-4097-ADFE-EA7228175ACD';
const TAG = 'A1B2C3D4-0000-4000-8000-000000000001';
const base = {
  deviceID: DEV,
  deviceName: 'P1_L1_Machine1_1_OPC',
  tagName: 'Temperature',
  registerId: 'ns=2;s=Temperature',
  datatype: 'float64',
  description: 'Spindle temperature',
  metadata: { driver: 'OPC' },
  success: true,
  timestamp: 1_700_000_000_123,
  value: 57.25,
};
const subject = subjectFor(DEV, TAG);
const json = (o: unknown) => JSON.stringify(o);

describe('parseMessage', () => {
  it('maps a message to measurement <DeviceName>.<DeviceID>, tag identity as tags, value as a field', () => {
    expect(parseMessage(subject, json(base))).toEqual({
      kind: 'point',
      origin: { deviceID: DEV, deviceName: 'P1_L1_Machine1_1_OPC', tagName: 'Temperature' },
      point: {
        measurement: `P1_L1_Machine1_1_OPC.${DEV}`,
        tags: { tagName: 'Temperature', tagID: TAG, registerId: 'ns=2;s=Temperature' },
        fields: { value: 57.25 },
        timestampMs: 1_700_000_000_123,
      },
    });
  });

  it.each([
    [42, { value: 42 }],
    [true, { value: 1 }],
    [false, { value: 0 }],
    ['AUTO', { value_string: 'AUTO' }],
    ['', { value_string: '' }],
  ])('field for value %j', (value, fields) => {
    expect(fieldsFor(value)).toEqual(fields);
    const r = parseMessage(subject, json({ ...base, value }));
    expect(r.kind === 'point' && r.point.fields).toEqual(fields);
  });

  it('leaves registerId out of the tags when empty or missing', () => {
    const r = parseMessage(subject, json({ ...base, registerId: '' }));
    expect(r.kind === 'point' && r.point.tags).toEqual({ tagName: 'Temperature', tagID: TAG });
  });

  it('keeps names line protocol can carry: spaces, commas, quotes, a backslash inside, non-ASCII', () => {
    const tagName = 'Temp, "Zone 1" a\\b ü';
    const r = parseMessage(subject, json({ ...base, tagName }));
    expect(r.kind === 'point' && r.point.tags.tagName).toBe(tagName);
  });

  it('skips a well-formed read failure', () => {
    expect(parseMessage(subject, json({ ...base, success: false, value: null }))).toEqual({
      kind: 'skip',
      origin: { deviceID: base.deviceID, deviceName: base.deviceName, tagName: base.tagName },
    });
  });

  it.each([
    ['empty payload', subject, ''],
    ['not JSON', subject, '{"deviceID":'],
    ['JSON array', subject, '[1,2]'],
    ['JSON null', subject, 'null'],
    ['JSON number', subject, '3'],
    ['missing deviceID', subject, json({ ...base, deviceID: undefined })],
    ['deviceID differs from subject', subjectFor('OTHER', TAG), json(base)],
    ['missing deviceName', subject, json({ ...base, deviceName: '' })],
    ['missing tagName', subject, json({ ...base, tagName: undefined })],
    ['timestamp as string', subject, json({ ...base, timestamp: '2024-01-01' })],
    ['negative timestamp', subject, json({ ...base, timestamp: -1 })],
    ['missing value', subject, json({ ...base, value: undefined })],
    ['null value with success', subject, json({ ...base, value: null })],
    ['object value', subject, json({ ...base, value: { a: 1 } })],
    // deviceName.deviceID past the measurement bound of src/tsdb/names.ts (1024 bytes of UTF-8).
    ['measurement too long', subject, json({ ...base, deviceName: 'x'.repeat(1024) })],
    ['measurement too long in bytes', subject, json({ ...base, deviceName: 'ü'.repeat(512) })],
    ['measurement with a control character', subject, json({ ...base, deviceName: 'a\u0001b' })],
    ['tagName too long', subject, json({ ...base, tagName: 'x'.repeat(1025) })],
    ['tagName with a tab', subject, json({ ...base, tagName: 'a\tb' })],
    ['measurement line protocol cannot carry', subject, json({ ...base, deviceName: '#comment' })],
    ['tagName with a trailing backslash', subject, json({ ...base, tagName: 'T\\' })],
    ['tagName with a newline', subject, json({ ...base, tagName: 'a\nb' })],
    ['registerId with a backslash before a comma', subject, json({ ...base, registerId: 'r\\,1' })],
    ['tagID with a trailing backslash', subjectFor(DEV, 'tag\\'), json(base)],
    ['subject too short', 'devicehub.raw.' + DEV, json(base)],
    ['subject too long', `${subject}.extra`, json(base)],
    ['wrong prefix', `devicehub.other.${DEV}.${TAG}`, json(base)],
  ])('malformed: %s', (_name, subj, text) => {
    expect(parseMessage(subj, text).kind).toBe('malformed');
  });
});

describe('NATS URL handling', () => {
  it.each([
    ['nats://127.0.0.1:4222', { servers: 'nats://127.0.0.1:4222' }, 'nats://127.0.0.1:4222'],
    ['nats://u:p%40ss@h:4222', { servers: 'nats://h:4222', user: 'u', pass: 'p@ss' }, 'nats://h:4222'],
    ['tls://tok3n@h:4222', { servers: 'tls://h:4222', token: 'tok3n' }, 'tls://h:4222'],
  ])('%s', (url, options, shown) => {
    expect(natsAuthOptions(url)).toEqual(options);
    expect(redactUrl(url)).toBe(shown);
  });
});
