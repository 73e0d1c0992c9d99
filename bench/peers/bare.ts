// Starts the bare node:http ceiling peer as its own process.
import { NODE, startChild, waitForHttp, type Child } from '../lib/child.ts';
import { freePort } from '../lib/ports.ts';

const SCRIPT = new URL('./bare-http.ts', import.meta.url).pathname;

export async function startBareHttp(bytes: number): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = startChild('bare node:http', NODE, [SCRIPT, String(port), String(bytes)]);
  const url = `http://127.0.0.1:${port}/metrics`;
  await waitForHttp(child, url);
  return { child, url };
}
