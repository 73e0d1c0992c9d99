// What an error message quotes of an upstream body that is not the answer we expected (a proxy's HTML page,
// a truncated reply): one line, whitespace runs folded, at most 200 characters, so a large page never ends up
// whole in a response or a log line. Shared by the InfluxDB adapters.

const MAX_CHARS = 200;

/** `body` folded to one line and cut at 200 characters (with `…`), or `ifEmpty` when nothing is left. */
export function upstreamExcerpt(body: string, ifEmpty: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS)}…` : flat || ifEmpty;
}
