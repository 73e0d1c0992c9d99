// /proc/net/dev's parser (src/metrics/proc/netdev.ts), table-driven on inline text: real lines, empty and
// malformed input.
import { describe, expect, it } from 'vitest';
import { parseNetDev } from '../../../src/metrics/proc/netdev.ts';
import { ProcParseError } from '../../../src/metrics/proc/parse-error.ts';

describe('parseNetDev', () => {
  const header =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  it.each([
    ['a normal line', '  eth0: 100 1 0 0 0 0 0 0 200 2 0 0 0 0 0 0\n', [['eth0', { rx: 100, tx: 200 }]]],
    ['a counter run into the colon', 'eth0:277197001 8143 0 0 0 0 0 0 718099 5264 0 0 0 0 0 0\n', [['eth0', { rx: 277197001, tx: 718099 }]]],
    ['names with dots and dashes', 'br-1a.100: 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n', [['br-1a.100', { rx: 1, tx: 2 }]]],
    ['no interfaces', '', []],
  ])('reads %s', (_name, body, want) => {
    expect([...parseNetDev(header + body)]).toEqual(want);
  });

  it.each([
    ['empty', ''],
    ['no header', 'eth0: 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n'],
    ['a short line', header + 'eth0: 1 2 3\n'],
    ['no colon', header + 'eth0 1 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n'],
    ['a garbage counter', header + 'eth0: x 1 0 0 0 0 0 0 2 1 0 0 0 0 0 0\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseNetDev(text)).toThrow(ProcParseError);
  });
});
