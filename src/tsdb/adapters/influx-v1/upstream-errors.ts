// Pure mapping of InfluxDB 1.x answers onto the document's status codes (notes §0 and §1.1). Every message
// names the source and keeps InfluxDB's own text; secrets that were part of the request are scrubbed.
import { AppError, badGateway, badRequest, conflict, notFound, unavailable } from '../../../errors.ts';
import { retryableUpstreamStatus } from '../../adapter.ts';
import { upstreamExcerpt } from '../upstream-excerpt.ts';

/** Replaces every secret (password) the request carried, in case InfluxDB echoes statement text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('[redacted]');
  return out;
}

/** A statement-level error (`results[i].error` inside an HTTP 200). */
export function statementError(source: string, error: string): AppError {
  const message = `${source}: ${error}`;
  if (error.startsWith('database not found') || error.startsWith('user not found')) return notFound(message);
  if (error.startsWith('user already exists')) return conflict(message);
  if (/^(invalid name|name too long|username required)/.test(error)) return badRequest(message);
  // A later statement after a failed one; with one mutating statement per request it means a bug here.
  if (error === 'not executed') return new AppError(500, message);
  return badGateway(message);
}

/** Extracts InfluxDB's `{"error": "..."}` text, or a short excerpt of a non-JSON body (a proxy page). */
export function upstreamText(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'string') {
      return parsed.error;
    }
  } catch {
    // not JSON: fall through
  }
  return upstreamExcerpt(body, '(empty body)');
}

/** A non-2xx HTTP answer from /query or /write. */
export function httpError(source: string, status: number, body: string, endpoint: '/query' | '/write'): AppError {
  const text = upstreamText(body);
  const message = `${source} answered ${status} on ${endpoint}: ${text}`;
  // Our stored credentials are wrong or lack rights: a server-side fault, never the caller's 401/403.
  if (status === 401 || status === 403) return badGateway(message, { retryable: retryableUpstreamStatus(status) });
  if (status === 404 && text.startsWith('database not found')) return notFound(message);
  if (status === 400) {
    // A rejected batch is the points' fault; a rejected query means our escaping is wrong.
    return endpoint === '/write' ? badRequest(message) : new AppError(500, message);
  }
  // 503 from InfluxDB itself (overloaded, shutting down): worth retrying later, like a refused connection.
  if (status === 503) return unavailable(message);
  return badGateway(message, { retryable: retryableUpstreamStatus(status) });
}

/** A 200 from /query whose body is not InfluxDB's `{"results": [...]}` (a proxy, another service). */
export function malformedAnswer(source: string, body: string): AppError {
  return badGateway(`${source} answered /query with something that is not InfluxDB JSON: ${upstreamText(body)}`);
}

/** A failure before any HTTP answer: refused, reset, DNS, or our own deadline. */
export function networkError(source: string, err: unknown, timeoutMs: number, timedOut: boolean): AppError {
  if (timedOut) return unavailable(`${source} did not answer within ${timeoutMs} ms`, { cause: err });
  const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
  const text = err instanceof Error ? err.message : String(err);
  return unavailable(`${source} is unreachable: ${code && !text.includes(code) ? `${code} ${text}` : text}`, {
    cause: err,
  });
}
