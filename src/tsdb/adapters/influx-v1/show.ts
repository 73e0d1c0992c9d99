// Read-only SHOW statements sent many to a request. InfluxDB stops at the first failing statement and
// marks the rest "not executed" (notes §1.1), so a failed batch is replayed one statement at a time and
// each caller decides what a per-statement error means (a database or user dropped meanwhile).
import type { InfluxHttp, StatementResult } from './transport.ts';

const STATEMENTS_PER_REQUEST = 100;

export async function showMany(http: InfluxHttp, statements: readonly string[]): Promise<StatementResult[]> {
  const out: StatementResult[] = [];
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_REQUEST) {
    const chunk = statements.slice(i, i + STATEMENTS_PER_REQUEST);
    const results = await http.query(chunk.join('; '));
    for (let j = 0; j < chunk.length; j++) {
      const r = results[j];
      out.push(r && r.error === undefined ? r : (await http.query(chunk[j] ?? ''))[0] ?? { error: 'no result' });
    }
  }
  return out;
}
