// Prometheus node_exporter (Debian package) with only the collectors that cover our ten families.
import { existsSync } from 'node:fs';
import { startChild, waitForHttp, type Child } from '../lib/child.ts';
import { freePort } from '../lib/ports.ts';

const BIN = '/usr/bin/prometheus-node-exporter';

export async function startNodeExporter(): Promise<{ child: Child; url: string }> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: apt-get install -y prometheus-node-exporter`);
  const port = await freePort();
  const child = startChild('node_exporter', BIN, [
    `--web.listen-address=127.0.0.1:${port}`,
    '--collector.disable-defaults',
    '--collector.cpu',
    '--collector.meminfo',
    '--collector.netdev',
    '--collector.filesystem',
  ]);
  const url = `http://127.0.0.1:${port}/metrics`;
  await waitForHttp(child, url);
  return { child, url };
}
