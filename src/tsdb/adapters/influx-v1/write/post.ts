// One POST /write of line-protocol bytes over the adapter's node:http transport (its keep-alive agent, Basic
// auth, deadline and stale-socket resend). The bench's direct ceiling posts through this too, so both pay the
// same client.
import type { InfluxHttp } from '../transport.ts';
import { httpError } from '../upstream-errors.ts';

/** Resolves on 204; any other answer is the mapped AppError. `flushed` runs once the body has left the process. */
export async function postWrite(http: InfluxHttp, db: string, body: Buffer, flushed?: () => void): Promise<void> {
  const path = `/write?${new URLSearchParams({ db, precision: 'ms' }).toString()}`;
  const res = await http.send('POST', path, body, 'text/plain; charset=utf-8', flushed);
  if (res.status !== 204) throw httpError(http.source, res.status, res.body, '/write');
}
