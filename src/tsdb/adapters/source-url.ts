// Shared by the InfluxDB vendors: checks a source's db_uri without I/O. The raw value is never echoed,
// since a malformed URL may still carry a password.
import { badRequest } from '../../errors.ts';

/** The parsed http(s) URL, or a 400 naming what is wrong; `credentialFields` names where credentials go. */
export function parseSourceUrl(uri: string, credentialFields: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badRequest('db_uri is not a valid URL (expected e.g. http://10.17.8.50:8086)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest('db_uri must be an http:// or https:// URL');
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in error messages and logs; they have their own fields.
    throw badRequest(`db_uri must not contain credentials; use ${credentialFields}`);
  }
  if (url.search || url.hash) throw badRequest('db_uri must not have a query string or fragment');
  return url;
}
