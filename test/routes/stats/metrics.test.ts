// The route serves the cached exposition (a scrape reads no file), and the loop keeps values fresh:
// a change under PROC_ROOT shows up within a sample or two, even with a mount that hangs forever.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { metricsRoute } from '../../../src/routes/stats/metrics.ts';
import { fs4k, recordingLogger, samplerFixtures, tableStatfs } from '../../../support/proc-tree.ts';

const fx = samplerFixtures();

const meminfo = (availableKb: number) => `MemTotal: 1000 kB\nMemFree: 10 kB\nMemAvailable: ${availableKb} kB\n`;

describe('GET /stats/metrics', () => {
  it('serves the last rendered text with the vendor content type, without reading PROC_ROOT', async () => {
    const tree = await fx.procTree('edge-armhf-handmade');
    await tree.step('t0');
    const metrics = fx.createMetrics({ procRoot: tree.root, sampleIntervalMs: 3_600_000, logger: recordingLogger(), statfs: tableStatfs({}), storageTimeoutMs: 20 });
    await metrics.start();
    const app = Fastify();
    await app.register(metricsRoute, { metrics });
    await tree.cleanup(); // the tree is gone; a scrape must not notice
    const res = await app.inject({ method: 'GET', url: '/stats/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4');
    expect(res.body).toBe(await metrics.exposition());
    expect(res.body).toContain('node_memory_used 50\n');
    await app.close();
  });
});

describe('the sample loop', () => {
  it('picks up changes on its own and keeps going past a mount that never answers', async () => {
    const tree = await fx.procTree('edge-armhf-handmade');
    await tree.step('t0');
    const statfs = tableStatfs({ '/': fs4k(100, 50, 50) }); // '/mnt/nfs' in this tree hangs
    const metrics = fx.createMetrics({ procRoot: tree.root, sampleIntervalMs: 100, logger: recordingLogger(), statfs, storageTimeoutMs: 20 });
    await metrics.start();
    expect(await metrics.exposition()).toContain('node_memory_used 50\n');
    for (const available of [250, 100]) {
      await writeFile(path.join(tree.root, 'meminfo'), meminfo(available));
      await vi.waitFor(async () => expect(await metrics?.exposition()).toContain(`node_memory_used ${100 - available / 10}\n`), {
        timeout: 5000,
        interval: 20,
      });
    }
    expect(await metrics.exposition()).toContain('node_storage_size{name="/"} 400\n');
    expect(await metrics.exposition()).not.toContain('/mnt/nfs');
    metrics.stop();
    const frozen = await metrics.exposition();
    await writeFile(path.join(tree.root, 'meminfo'), meminfo(900));
    await new Promise((r) => setTimeout(r, 300));
    expect(await metrics.exposition()).toBe(frozen);
  });
});
