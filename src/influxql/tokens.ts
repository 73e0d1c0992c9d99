// InfluxQL tokens as influxd 1.x's scanner names them: the display text of each (used verbatim in
// parse errors, `found FROM, expected ...`), the keyword table, and operator precedence. Pure.

export const KEYWORDS = [
  'ALL', 'ALTER', 'ANALYZE', 'ANY', 'AS', 'ASC', 'BEGIN', 'BY', 'CARDINALITY', 'CREATE', 'CONTINUOUS', 'DATABASE',
  'DATABASES', 'DEFAULT', 'DELETE', 'DESC', 'DESTINATIONS', 'DIAGNOSTICS', 'DISTINCT', 'DROP', 'DURATION', 'END',
  'EVERY', 'EXACT', 'EXPLAIN', 'FIELD', 'FOR', 'FROM', 'GRANT', 'GRANTS', 'GROUP', 'GROUPS', 'IN', 'INF', 'INSERT',
  'INTO', 'KEY', 'KEYS', 'KILL', 'LIMIT', 'MEASUREMENT', 'MEASUREMENTS', 'NAME', 'OFFSET', 'ON', 'ORDER', 'PASSWORD',
  'POLICY', 'POLICIES', 'PRIVILEGES', 'QUERIES', 'QUERY', 'READ', 'REPLICATION', 'RESAMPLE', 'RETENTION', 'REVOKE',
  'SELECT', 'SERIES', 'SET', 'SHOW', 'SHARD', 'SHARDS', 'SLIMIT', 'SOFFSET', 'STATS', 'SUBSCRIPTION',
  'SUBSCRIPTIONS', 'TAG', 'TO', 'USER', 'USERS', 'VALUES', 'WHERE', 'WITH', 'WRITE',
] as const;

export type Keyword = (typeof KEYWORDS)[number];
export type Operator =
  | '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | 'AND' | 'OR' | '=' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>=';
export type Tok =
  | 'ILLEGAL' | 'EOF' | 'WS' | 'COMMENT' | 'IDENT' | 'BOUNDPARAM' | 'NUMBER' | 'INTEGER' | 'DURATIONVAL' | 'STRING'
  | 'BADSTRING' | 'BADESCAPE' | 'TRUE' | 'FALSE' | 'REGEX' | 'BADREGEX'
  | Operator | '(' | ')' | ',' | ':' | '::' | ';' | '.' | Keyword;

const LOOKUP = new Map<string, Tok>([
  ...KEYWORDS.map((k) => [k.toLowerCase(), k] as const),
  ['and', 'AND'],
  ['or', 'OR'],
  ['true', 'TRUE'],
  ['false', 'FALSE'],
]);

/** The token a bare word scans as: a keyword (case-insensitive) or IDENT. */
export function lookup(word: string): Tok {
  return LOOKUP.get(word.toLowerCase()) ?? 'IDENT';
}

// influxd's token table has no text for these four, so an error naming one prints nothing for it.
const NAMELESS = new Set<Tok>(['COMMENT', 'BOUNDPARAM', 'INTEGER', 'BADREGEX']);

/** What a parse error prints for a token: its literal if it has one, else the token's name. */
export function tokstr(tok: Tok, lit: string): string {
  if (lit !== '') return lit;
  return NAMELESS.has(tok) ? '' : tok;
}

const OPERATORS = new Set<string>(['+', '-', '*', '/', '%', '&', '|', '^', 'AND', 'OR', '=', '!=', '=~', '!~', '<', '<=', '>', '>=']);

export function isOperator(tok: Tok): tok is Operator {
  return OPERATORS.has(tok);
}

export function precedence(op: Operator): number {
  switch (op) {
    case 'OR':
      return 1;
    case 'AND':
      return 2;
    case '=': case '!=': case '=~': case '!~': case '<': case '<=': case '>': case '>=':
      return 3;
    case '+': case '-': case '|': case '^':
      return 4;
    default:
      return 5;
  }
}
