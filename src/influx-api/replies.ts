// influxd's error answer (services/httpd/handler.go httpError): `{"error": "..."}` plus a newline, the
// text repeated in X-Influxdb-Error (first 1024 bytes) or, for 401, a Basic challenge instead. Not the
// DataHub API's `{ error, message }`: InfluxDB clients read this shape.
import type { FastifyReply } from 'fastify';
import { goJson } from './go-json.ts';

export function influxError(reply: FastifyReply, status: number, message: string): FastifyReply {
  if (status === 401) void reply.header('www-authenticate', 'Basic realm="InfluxDB"');
  else void reply.header('x-influxdb-error', headerText(message));
  return sendJson(reply.code(status), goJson({ error: message }) + '\n');
}

/** As bytes: Fastify would add `; charset=utf-8` to a string, which influxd's Content-Type does not have. */
export function sendJson(reply: FastifyReply, text: string): FastifyReply {
  return reply.header('content-type', 'application/json').send(Buffer.from(text, 'utf8'));
}

/**
 * A header value as Go writes it: newlines become spaces (Go's header sanitizer) and ends are trimmed, the UTF-8 bytes are cut at
 * 1024 and sent as they are (Node takes a latin1 string byte for byte); other control bytes, which Node
 * refuses, become spaces too.
 */
function headerText(message: string): string {
  const bytes = Buffer.from(message, 'utf8').subarray(0, 1024);
  let text = '';
  for (const b of bytes) text += (b < 0x20 && b !== 0x09) || b === 0x7f ? ' ' : String.fromCharCode(b);
  // Go trims the value it writes (textproto.TrimString).
  return text.trim();
}
