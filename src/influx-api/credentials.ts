// Where influxd with auth-enabled finds a user's credentials, in its order (services/httpd/handler.go
// parseCredentials): `u` and `p` in the URL, then `Authorization: Token user:password` (1.8), then Basic.
// Pure; the texts are influxd 1.6.7's own, checked against a running one (test/influx-api/).

export type Credentials =
  | { ok: true; username: string; password: string }
  | { ok: false; error: string };

const UNPARSABLE = 'unable to parse authentication credentials';

export function parseCredentials(query: URLSearchParams, authorization: string | undefined): Credentials {
  // Both must be non-empty, as influxd checks; form-body u/p are not credentials there either.
  const u = query.get('u') ?? '';
  const p = query.get('p') ?? '';
  if (u !== '' && p !== '') return { ok: true, username: u, password: p };
  if (authorization) {
    const parts = authorization.split(' ');
    if (parts.length === 2 && parts[0] === 'Bearer') return { ok: false, error: 'bearer auth disabld' };
    if (parts.length === 2 && parts[0] === 'Token') {
      const colon = parts[1]!.indexOf(':');
      if (colon > 0) return { ok: true, username: parts[1]!.slice(0, colon), password: parts[1]!.slice(colon + 1) };
    }
    const basic = parseBasic(authorization);
    if (basic) return { ok: true, ...basic };
  }
  return { ok: false, error: UNPARSABLE };
}

/** Go's Request.BasicAuth: `Basic ` (any case) + standard base64 of `user:pass`, split at the first colon. */
function parseBasic(header: string): { username: string; password: string } | undefined {
  if (header.length < 6 || header.slice(0, 6).toLowerCase() !== 'basic ') return undefined;
  const encoded = header.slice(6);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
