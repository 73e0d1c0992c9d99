// The one error type the /proc parsers throw, so the sampler can tell "the file is malformed"
// (log and leave the family out) from a bug.
export class ProcParseError extends Error {
  override name = 'ProcParseError';
}

/** Parses a non-negative integer field; /proc never prints signs, decimals or empty fields. */
export function parseCount(field: string | undefined, what: string): number {
  if (field === undefined || !/^\d+$/.test(field)) {
    throw new ProcParseError(`${what}: expected a non-negative integer, got ${JSON.stringify(field)}`);
  }
  return Number(field);
}
