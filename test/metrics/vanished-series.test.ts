// Series that vanish leave the exposition: an interface gone from /proc/net/dev, a mount gone from
// /proc/mounts, a /proc file that became unreadable (its unlabelled families keep only HELP and TYPE).
// Steps through the edge-armhf-handmade capture (t0 -> t1 -> t2); families are cleared through prom-client's
// public API (src/metrics/families.ts). Also the seam that changes a sample's series before rendering.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Metrics, MetricsOptions } from '../../src/metrics/index.ts';
import { FAMILIES } from '../../src/metrics/names.ts';
import { fs4k, parseExposition, recordingLogger, samplerFixtures, tableStatfs, type ProcTree } from '../../support/proc-tree.ts';

const statfs = tableStatfs({
  '/': fs4k(1_000_000, 400_000, 350_000),
  '/var': fs4k(2_000_000, 1_500_000, 1_400_000),
  '/media/usb stick': fs4k(1000, 1000, 1000),
});
const STORAGE = ['node_storage_available', 'node_storage_size', 'node_storage_used'];
const NETWORK = ['node_network_receive', 'node_network_transmit'];
const ALL_TYPES = Object.values(FAMILIES).map((f) => [f.name, f.type]);

const fx = samplerFixtures();

async function start(extra: Partial<MetricsOptions> = {}): Promise<{ t: ProcTree; m: Metrics; sample: (step: string) => Promise<Map<string, number>> }> {
  const t = await fx.procTree('edge-armhf-handmade');
  const m = fx.createMetrics({ procRoot: t.root, sampleIntervalMs: 1000, logger: recordingLogger(), statfs, storageTimeoutMs: 50, ...extra });
  const sample = async (step: string) => {
    await t.step(step);
    await m.sampleNow();
    const { samples, types } = parseExposition(await m.exposition());
    expect(types).toEqual(ALL_TYPES);
    return samples;
  };
  return { t, m, sample };
}

describe('vanished series leave the exposition', () => {
  it('an interface that disappears, one that appears and disappears again, a mount that is unmounted', async () => {
    const { sample } = await start();
    let samples = await sample('t0');
    for (const f of NETWORK) expect(samples.has(`${f}{name="veth1a2b"}`)).toBe(true);
    for (const f of STORAGE) expect(samples.has(`${f}{name="/media/usb stick"}`)).toBe(true);

    samples = await sample('t1');
    for (const f of NETWORK) {
      expect(samples.has(`${f}{name="veth1a2b"}`)).toBe(false);
      expect(samples.has(`${f}{name="wlan0"}`)).toBe(true);
    }

    samples = await sample('t2');
    for (const f of NETWORK) {
      expect(samples.has(`${f}{name="wlan0"}`)).toBe(false);
      expect(samples.has(`${f}{name="eth0"}`)).toBe(true);
    }
    for (const f of STORAGE) {
      expect(samples.has(`${f}{name="/media/usb stick"}`)).toBe(false);
      expect(samples.has(`${f}{name="/"}`)).toBe(true);
    }
  });

  it('an unlabelled family whose file became unreadable keeps HELP and TYPE but no value (not a 0)', async () => {
    const { t, m, sample } = await start();
    let samples = await sample('t0');
    expect(samples.has('node_cpu_user')).toBe(true);
    expect(samples.has('node_memory_used')).toBe(true);
    await rm(path.join(t.root, 'stat'));
    await rm(path.join(t.root, 'meminfo'));
    await m.sampleNow();
    ({ samples } = parseExposition(await m.exposition()));
    for (const name of ['node_cpu_idle', 'node_cpu_system', 'node_cpu_user', 'node_memory_used']) {
      expect(samples.has(name)).toBe(false);
      expect(await m.exposition()).toContain(`# TYPE ${name} gauge\n`);
    }
    expect(samples.get('node_network_receive{name="eth0"}')).toBe(0);
  });
});

describe('mapSeries: the step between a sample and its rendering', () => {
  it('receives each sample mapped onto the families and renders what it returns', async () => {
    const seen: number[] = [];
    const { sample } = await start({
      mapSeries: (series) => {
        seen.push(series.memoryUsed[0]?.value ?? NaN);
        return {
          ...series,
          cpuUser: [{ labels: {}, value: 99 }],
          storageSize: [...series.storageSize, { labels: { name: '/data' }, value: 1234 }],
          natsInMsgs: [],
        };
      },
    });
    const samples = await sample('t0');
    expect(seen).toEqual([50]);
    expect(samples.get('node_cpu_user')).toBe(99);
    expect(samples.get('node_storage_size{name="/data"}')).toBe(1234);
    expect(samples.get('node_storage_size{name="/"}')).toBe(4_000_000);
    expect(samples.has('node_nats_in_msgs')).toBe(false);
  });
});
