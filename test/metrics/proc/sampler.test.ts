// The sampler against fixture trees captured from real machines and hand-made edge cases, stepping
// through two samples so CPU deltas and counter wraps are exercised; and against this machine.
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../src/metrics/names.ts';
import { fs4k, parseExposition, recordingLogger, samplerFixtures, tableStatfs } from '../../../support/proc-tree.ts';

const VENDOR_FAMILIES = Object.values(FAMILIES).map((f) => [f.name, f.type]);

const fx = samplerFixtures();

describe('sampler on the hand-made ARM gateway tree', () => {
  const statfs = tableStatfs({
    '/': fs4k(1_000_000, 400_000, 350_000),
    '/var': fs4k(2_000_000, 1_500_000, 1_400_000),
    '/media/usb stick': fs4k(1000, 1000, 1000),
  });

  it('reports CPU since boot first, then the delta; wraps, vanished and new interfaces; df per real mount', async () => {
    const tree = await fx.procTree('edge-armhf-handmade');
    const logger = recordingLogger();
    const metrics = fx.createMetrics({ procRoot: tree.root, sampleIntervalMs: 1000, logger, statfs, storageTimeoutMs: 50 });

    await tree.step('t0');
    await metrics.sampleNow();
    const firstSample = parseExposition(await metrics.exposition());
    let samples = firstSample.samples;
    expect(firstSample.types).toEqual(VENDOR_FAMILIES);
    // Since boot: user 1000+200, system 300+10+20+70, idle 8000+400 of 10000 jiffies.
    expect(samples.get('node_cpu_user')).toBeCloseTo(12, 10);
    expect(samples.get('node_cpu_system')).toBeCloseTo(4, 10);
    expect(samples.get('node_cpu_idle')).toBeCloseTo(84, 10);
    expect(samples.get('node_network_receive{name="eth0"}')).toBe(0);

    await tree.step('t1');
    await metrics.sampleNow();
    ({ samples } = parseExposition(await metrics.exposition()));
    // Deltas: user 100 (+ nice stepping back, counted 0), system 30+2+8+10, idle 400+50 of 600.
    expect(samples.get('node_cpu_user')).toBeCloseTo(100 / 6, 10);
    expect(samples.get('node_cpu_system')).toBeCloseTo(50 / 6, 10);
    expect(samples.get('node_cpu_idle')).toBeCloseTo(75, 10);
    const cpu = ['idle', 'system', 'user'].reduce((sum, k) => sum + (samples.get(`node_cpu_${k}`) ?? 0), 0);
    expect(cpu).toBeCloseTo(100, 10);
    // No MemAvailable on 3.10: free + buffers + cached = 506000 of 1012000.
    expect(samples.get('node_memory_used')).toBeCloseTo(50, 10);
    expect(samples.get('node_network_receive{name="eth0"}')).toBe(1000); // across the 2^32 wrap
    expect(samples.get('node_network_transmit{name="eth0"}')).toBe(2000);
    expect(samples.get('node_network_receive{name="lo"}')).toBe(500);
    expect(samples.get('node_network_receive{name="wlan0"}')).toBe(3000); // came up after start
    expect(samples.has('node_network_receive{name="veth1a2b"}')).toBe(false);

    const storage = [...samples.keys()].filter((k) => k.startsWith('node_storage_size'));
    expect(storage).toEqual([
      'node_storage_size{name="/"}',
      'node_storage_size{name="/media/usb stick"}',
      'node_storage_size{name="/var"}',
    ]);
    expect(samples.get('node_storage_size{name="/"}')).toBe(4_000_000);
    expect(samples.get('node_storage_used{name="/"}')).toBe(2_400_000);
    expect(samples.get('node_storage_available{name="/"}')).toBe(1_400_000);
    // The hung NFS mount was tried once, is still pending, and was logged once.
    const nfsWarnings = logger.lines.filter((l) => JSON.stringify(l.obj).includes('/mnt/nfs'));
    expect(nfsWarnings).toHaveLength(1);
  });
});

describe('sampler on a broken /proc', () => {
  it('leaves unreadable families out, keeps the rest, logs each source once per window', async () => {
    const tree = await fx.procTree('broken');
    await tree.step('t0');
    const logger = recordingLogger();
    const metrics = fx.createMetrics({ procRoot: tree.root, sampleIntervalMs: 1000, logger, statfs: tableStatfs({}) });
    metrics.natsInMsgs.inc(3);
    await metrics.sampleNow();
    await metrics.sampleNow();
    const { samples, types } = parseExposition(await metrics.exposition());
    expect(types).toEqual(VENDOR_FAMILIES);
    expect([...samples]).toEqual([['node_nats_in_msgs', 3]]);
    const warned = logger.lines.filter((l) => l.level === 'warn').map((l) => (l.obj as { source: string }).source);
    expect(warned.map((s) => s.slice(tree.root.length + 1)).sort()).toEqual(['meminfo', 'mounts', 'net/dev', 'stat']);
  });

  it('serves a family again once its file is readable again', async () => {
    const tree = await fx.procTree('broken');
    await tree.step('t0');
    const logger = recordingLogger();
    const metrics = fx.createMetrics({ procRoot: tree.root, sampleIntervalMs: 1000, logger, statfs: tableStatfs({}) });
    await metrics.sampleNow();
    await tree.step('../vm-x86_64-2cpu/t0');
    await metrics.sampleNow();
    const { samples } = parseExposition(await metrics.exposition());
    expect(samples.get('node_memory_used')).toBeGreaterThan(0);
    expect(logger.lines.filter((l) => l.level === 'info').length).toBeGreaterThanOrEqual(3);
  });
});

describe('sampler on this machine', () => {
  it('reads the real /proc and statfs: ten families, CPU adds to 100, the root filesystem', async () => {
    const logger = recordingLogger();
    const metrics = fx.createMetrics({ procRoot: '/proc', sampleIntervalMs: 100, logger });
    await metrics.start();
    const first = await metrics.exposition();
    await metrics.sampleNow();
    const { samples, types } = parseExposition(await metrics.exposition());
    expect(first).not.toBe('');
    expect(types).toEqual(VENDOR_FAMILIES);
    const cpu = ['idle', 'system', 'user'].reduce((sum, k) => sum + (samples.get(`node_cpu_${k}`) ?? NaN), 0);
    expect(cpu).toBeCloseTo(100, 8);
    const mem = samples.get('node_memory_used') ?? NaN;
    expect(mem).toBeGreaterThan(0);
    expect(mem).toBeLessThan(100);
    expect(samples.has('node_network_receive{name="lo"}')).toBe(true);
    const size = samples.get('node_storage_size{name="/"}') ?? NaN;
    expect(size).toBeGreaterThan(0);
    expect((samples.get('node_storage_used{name="/"}') ?? NaN) + (samples.get('node_storage_available{name="/"}') ?? NaN)).toBeLessThanOrEqual(size);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});
