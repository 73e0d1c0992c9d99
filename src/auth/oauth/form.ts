// application/x-www-form-urlencoded as RFC 6749 uses it (appendix B): strict where the RFC is, so a
// broken body is an invalid_request rather than whatever a lenient parser guessed.
export class FormError extends Error {
  override name = 'FormError';
}

/**
 * Parses a form body to name -> value. Bad percent-encoding or non-UTF-8 is a FormError, and so is a
 * repeated parameter (RFC 6749 3.2: "Request and response parameters MUST NOT be included more than
 * once"). Parameters with an empty value are dropped, as the RFC says they are treated as omitted.
 */
export function parseForm(body: string): Map<string, string> {
  const params = new Map<string, string>();
  const seen = new Set<string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    if (seen.has(name)) throw new FormError(`parameter "${printable(name)}" is repeated`);
    seen.add(name);
    if (value !== '') params.set(name, value);
  }
  return params;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    throw new FormError('the body is not valid form encoding (bad percent-escape or UTF-8)');
  }
}

/** A name safe to echo in an error: short, printable ASCII only. */
function printable(name: string): string {
  return name.length <= 40 && /^[\x20-\x7e]*$/.test(name) ? name.replaceAll('"', "'") : '(unprintable)';
}
