// The adapter contract suite against the embedded engine on a temporary dataDir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedAdapter } from '../../../../src/tsdb/adapters/embedded/index.ts';
import { describeAdapterContract } from '../../adapter-contract/index.ts';

describeAdapterContract('embedded', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'embedded-contract-'));
  const adapter = new EmbeddedAdapter({ dataDir });
  return {
    adapter,
    async cleanup() {
      await adapter.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
