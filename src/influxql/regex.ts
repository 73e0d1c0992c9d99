// InfluxQL regexes are Go RE2 syntax; this maps them onto JavaScript's RegExp: a leading `(?i)` (or
// other flag group) becomes a flag, and `\z` (absolute end) becomes `$`. Pure.

export interface JsRegex {
  re?: RegExp;
  error?: string;
}

export function toJsRegex(source: string): JsRegex {
  let body = source;
  let flags = 'u';
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    if (lead[1]?.includes('i')) flags += 'i';
    if (lead[1]?.includes('m')) flags += 'm';
    if (lead[1]?.includes('s')) flags += 's';
  }
  body = body.replace(/\\z/g, '$').replace(/\\A/g, '^');
  let result: JsRegex;
  try {
    result = { re: new RegExp(body, flags) };
  } catch {
    try {
      // Go accepts escapes such as `\-` or `\.` outside classes that the u flag refuses.
      result = { re: new RegExp(body, flags.replace('u', '')) };
    } catch (err) {
      result = { error: `error parsing regexp: ${(err as Error).message}` };
    }
  }
  return result;
}
