// influxd's error answer (services/httpd/handler.go httpError): `{"error": "..."}` plus a newline, the
// text repeated in X-Influxdb-Error (first 1024 bytes) or, for 401, a Basic challenge instead. Not the
// DataHub API's `{ error, message }`: InfluxDB clients read this shape.
import type { FastifyReply } from 'fastify';
import { goJson } from './go-json.ts';

export function influxError(reply: FastifyReply, status: number, message: string): FastifyReply {
  if (status === 401) void reply.header('www-authenticate', 'Basic realm="InfluxDB"');
  else void reply.header('x-influxdb-error', headerText(message));
  return reply.code(status).header('content-type', 'application/json').send(goJson({ error: message }) + '\n');
}

/**
 * A header value as Go writes it: newlines become spaces (Go's header sanitizer), the UTF-8 bytes are cut at
 * 1024 and sent as they are (Node takes a latin1 string byte for byte); other control bytes, which Node
 * refuses, become spaces too.
 */
function headerText(message: string): string {
  const bytes = Buffer.from(message, 'utf8').subarray(0, 1024);
  let text = '';
  for (const b of bytes) text += (b < 0x20 && b !== 0x09) || b === 0x7f ? ' ' : String.fromCharCode(b);
  return text;
}
