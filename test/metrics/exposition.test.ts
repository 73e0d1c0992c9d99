// The whole exposition after two samples of each fixture capture, compared with a golden file.
// Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/metrics/exposition.test.ts
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.ts';
import { fs4k, procTree, recordingLogger, tableStatfs } from '../../support/proc-tree.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../fixtures/exposition');
const update = process.env.UPDATE_GOLDEN === '1';

const statfs = tableStatfs({
  '/': fs4k(66_053_021, 60_189_594, 20_734_301),
  '/var': fs4k(57_290_720, 50_281_774, 50_033_034),
  '/media/usb stick': fs4k(3_906_250, 1_000_000, 1_000_000),
});

describe('golden exposition', () => {
  it.each(['vm-x86_64-2cpu', 'edge-armhf-handmade'])('%s', async (capture) => {
    const tree = await procTree(capture);
    const metrics = createMetrics({ procRoot: tree.root, sampleIntervalMs: 1000, logger: recordingLogger(), statfs, storageTimeoutMs: 50 });
    try {
      metrics.natsInMsgs.inc(105_415_912);
      await tree.step('t0');
      await metrics.sampleNow();
      await tree.step('t1');
      await metrics.sampleNow();
      const file = path.join(GOLDEN, `${capture}.prom`);
      if (update) await writeFile(file, await metrics.exposition());
      expect(await metrics.exposition()).toBe(await readFile(file, 'utf8'));
    } finally {
      metrics.stop();
      await tree.cleanup();
    }
  });
});
