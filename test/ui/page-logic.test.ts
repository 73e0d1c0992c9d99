// The admin page's pure modules, run in Node: the Prometheus text parser, the overview's history
// (counters to rates, gaps on a counter reset, series appearing late, the window limit) and the
// number formats.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, formatRate } from '../../src/ui/public/js/format.js';
import { addSample, createHistory, groupData } from '../../src/ui/public/js/history.js';
import { byLabel, parseExposition, single } from '../../src/ui/public/js/prom.js';

describe('parseExposition', () => {
  it.each([
    ['empty', '', {}],
    ['comments only', '# HELP a x\n# TYPE a gauge\n', {}],
    ['unlabelled', 'node_cpu_idle 90.5\n', { node_cpu_idle: [{ labels: {}, value: 90.5 }] }],
    ['exponent', 'node_nats_in_msgs 1.05415912e+08', { node_nats_in_msgs: [{ labels: {}, value: 105415912 }] }],
    ['labels and spacing', 'node_storage_used{name="/var"}  2.7965784e+07', { node_storage_used: [{ labels: { name: '/var' }, value: 27965784 }] }],
    ['escaped label', 'm{name="a\\"b\\\\c\\nd",x="1"} 2', { m: [{ labels: { name: 'a"b\\c\nd', x: '1' }, value: 2 }] }],
    ['a brace inside a label', 'm{name="a}b"} 3', { m: [{ labels: { name: 'a}b' }, value: 3 }] }],
    ['timestamp', 'm 4 1700000000000', { m: [{ labels: {}, value: 4 }] }],
    ['special values', 'a NaN\nb +Inf\nc -Inf', { a: [{ labels: {}, value: NaN }], b: [{ labels: {}, value: Infinity }], c: [{ labels: {}, value: -Infinity }] }],
    ['malformed lines skipped', 'ok 1\nnovalue\nbad{name=x} 1\nworse{name="x" 1\n9bad 1\nm abc\nok2 2', { ok: [{ labels: {}, value: 1 }], ok2: [{ labels: {}, value: 2 }] }],
  ])('%s', (_name, text, expected) => {
    expect(Object.fromEntries(parseExposition(text))).toEqual(expected);
  });

  it('reads the vendor example (documented response) whole', async () => {
    const golden = await readFile(path.resolve(import.meta.dirname, '../fixtures/exposition/vm-x86_64-2cpu.prom'), 'utf8');
    const f = parseExposition(golden);
    expect(single(f, 'node_cpu_idle')).toEqual(expect.any(Number));
    expect(byLabel(f, 'node_network_receive').size).toBeGreaterThan(0);
    expect([...byLabel(f, 'node_storage_size').keys()]).toContain('/');
  });
});

const scrape = (rx: number, msgs: number, extra = '') =>
  parseExposition(`node_cpu_user 10\nnode_cpu_system 5\nnode_cpu_idle 85\nnode_memory_used 40\nnode_nats_in_msgs ${msgs}\n` +
    `node_network_receive{name="eth0"} ${rx}\nnode_network_transmit{name="eth0"} ${rx / 2}\n` +
    `node_storage_used{name="/"} 250\nnode_storage_size{name="/"} 1000\nnode_storage_available{name="/"} 700\n${extra}`);

describe('history', () => {
  it('turns counters into per-second rates between scrapes', () => {
    const h = createHistory();
    addSample(h, scrape(1000, 10), 100);
    addSample(h, scrape(3000, 30), 102);
    expect(h.t).toEqual([100, 102]);
    expect(h.rx.get('eth0')).toEqual([null, 1000]);
    expect(h.tx.get('eth0')).toEqual([null, 500]);
    expect(h.messages).toEqual([null, 10]);
    expect(h.cpu).toEqual({ user: [10, 10], system: [5, 5], idle: [85, 85] });
    expect(h.storage.get('/')).toEqual([25, 25]);
    expect(h.last?.storage).toEqual([{ mount: '/', usedPercent: 25, usedBytes: 250 * 1024, sizeBytes: 1000 * 1024, availableBytes: 700 * 1024 }]);
    expect(h.last?.messages).toBe(30);
  });

  it('a counter that went down is a gap, not a negative rate; a late interface is padded', () => {
    const h = createHistory();
    addSample(h, scrape(5000, 100), 1);
    addSample(h, scrape(10, 5, 'node_network_receive{name="wlan0"} 7'), 2);
    addSample(h, scrape(1010, 15, 'node_network_receive{name="wlan0"} 17'), 3);
    expect(h.rx.get('eth0')).toEqual([null, null, 1000]);
    expect(h.messages).toEqual([null, null, 10]);
    expect(h.rx.get('wlan0')).toEqual([null, null, 10]);
    const g = groupData(h, h.rx);
    expect(g.names).toEqual(['eth0', 'wlan0']);
    expect(g.data.map((series: unknown[]) => series.length)).toEqual([3, 3, 3]);
  });

  it('keeps a window of `limit` samples; a series gone for the whole window is dropped', () => {
    const h = createHistory(3);
    addSample(h, scrape(0, 0, 'node_network_receive{name="tmp0"} 1'), 1);
    for (let i = 2; i <= 6; i++) addSample(h, scrape(i * 100, i), i);
    expect(h.t).toEqual([4, 5, 6]);
    expect(h.memory).toHaveLength(3);
    expect(h.rx.has('tmp0')).toBe(false);
    expect(h.rx.get('eth0')).toEqual([100, 100, 100]);
  });
});

describe('formats', () => {
  it.each([
    [0, '0 B'], [1023.6, '1024 B'], [1024, '1.00 KB'], [69788326, '66.6 MB'], [5 * 1024 ** 4, '5.00 TB'], [-1, '–'], [NaN, '–'],
  ])('formatBytes(%s) = %s', (n, s) => expect(formatBytes(n)).toBe(s));
  it('rates and percents', () => {
    expect(formatRate(null)).toBe('–');
    expect(formatRate(2048)).toBe('2.00 KB/s');
    expect(formatPercent(12.345)).toBe('12.3 %');
    expect(formatPercent(undefined)).toBe('–');
  });
});
