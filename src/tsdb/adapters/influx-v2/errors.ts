// Pure mapping of InfluxDB 2.x failures onto the document's statuses (notes §0 and §2.1): code `conflict`
// (HTTP 422) → 409, `invalid`/other 422 → 400, 404 → 404, 401/403 → 502 (our token, not the caller's),
// 503 → 503, other 5xx/429 → 502, no answer → 503. InfluxDB's own message is kept; the token never travels in one.
import { HttpError, RequestTimedOutError, AbortError } from '@influxdata/influxdb-client';
import { AppError, badGateway, badRequest, conflict, notFound, unavailable } from '../../../errors.ts';
import { retryableUpstreamStatus } from '../../adapter.ts';
import { upstreamExcerpt } from '../upstream-excerpt.ts';

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
]);

/** InfluxDB's `message`, or a short excerpt of a non-JSON body (a proxy page). */
export function upstreamMessage(err: HttpError): string {
  const json: unknown = err.json;
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') return json.message;
  return upstreamExcerpt(err.body ?? err.message ?? '', `HTTP ${err.statusCode}`);
}

/** How a failed call on `source` (the server's origin) answers the DataHub caller. */
export function mapUpstreamError(source: string, err: unknown, timeoutMs: number): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HttpError) {
    const text = upstreamMessage(err);
    const status = err.statusCode;
    if (status === 401 || status === 403) {
      return badGateway(`${source} refused the adapter's token (HTTP ${status}): ${text}`, { cause: err, retryable: retryableUpstreamStatus(status) });
    }
    if (err.code === 'conflict') return conflict(`${source}: ${text}`, { cause: err });
    if (status === 404) return notFound(`${source}: ${text}`, { cause: err });
    if (status === 400 || status === 422) return badRequest(`${source}: ${text}`, { cause: err });
    // InfluxDB's own 503 (starting up, shutting down): like the 1.x adapter, worth retrying later.
    if (status === 503) return unavailable(`${source} is unavailable: ${text}`, { cause: err });
    return badGateway(`${source} answered HTTP ${status}: ${text}`, {
      cause: err,
      retryable: retryableUpstreamStatus(status),
    });
  }
  if (err instanceof RequestTimedOutError) {
    return unavailable(`${source} did not answer within ${timeoutMs} ms`, { cause: err });
  }
  if (err instanceof AbortError) return unavailable(`${source}: request aborted`, { cause: err });
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return unavailable(`${source} is unreachable (${code})`, { cause: err });
  }
  return badGateway(`${source}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

