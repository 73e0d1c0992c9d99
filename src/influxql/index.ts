// InfluxQL as influxd 1.x parses it: parseQuery (several statements split by `;`, bound params) and
// the printed forms and privileges of statements. Pure; knows nothing of HTTP or storage.
import type { Statement } from './ast.ts';
import { expected, Parser, type ParamValue } from './parser.ts';
import { parseStatementWith } from './statements.ts';

export type * from './ast.ts';
export { ParseError, type ParamValue } from './parser.ts';

/** Parses a query; throws ParseError whose message is influxd's `error parsing query: ...` text. */
export function parseQuery(text: string, params: Record<string, ParamValue> = {}): Statement[] {
  const p = new Parser(text, params);
  const statements: Statement[] = [];
  let semi = true;
  for (;;) {
    const t = p.scanIgnoreWhitespace();
    if (t.tok === 'EOF') return statements;
    if (t.tok === ';') {
      semi = true;
      continue;
    }
    if (!semi) throw expected(t, [';']);
    p.unscan();
    statements.push(parseStatementWith(p));
    semi = false;
  }
}
export { exprString, selectString, statementString } from './format.ts';
export { requiredPrivileges, type RequiredPrivilege } from './privileges.ts';
export { quoteIdent, quoteString } from './quote.ts';
export { formatDuration, parseDuration } from './duration.ts';
