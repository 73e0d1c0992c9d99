// Small request helpers shared by the Influx API's routes.
import type { FastifyRequest } from 'fastify';

/** influxd's default [http] max-body-size; also the bound on a gzip body once inflated. */
export const MAX_BODY_BYTES = 25_000_000;

/** The URL's own parameters (influxd reads db, rp, precision, u and p of /write and u, p from the URL only). */
export function urlQuery(request: FastifyRequest): URLSearchParams {
  const q = request.url.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1));
}

/**
 * Go's Request.FormValue: a urlencoded POST body's value first, then the URL's. `application/vnd.influxql`
 * bodies are the query itself (`q`).
 */
export function formValues(request: FastifyRequest): (name: string) => string {
  const url = urlQuery(request);
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  const form = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(raw) : undefined;
  return (name) => {
    if (name === 'q' && type === 'application/vnd.influxql') return raw;
    return form?.get(name) ?? url.get(name) ?? '';
  };
}
