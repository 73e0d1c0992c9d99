// The embedded engine's InfluxQL behind a minimal GET /query (parse, execute, influxd's JSON), for the
// influxql bench case until the InfluxDB 1.x listener (INFLUX_PORT) serves it. Run as a child:
// node bench/peers/influxql-http.ts <port> <dataDir>
import http from 'node:http';
import { parseQuery, ParseError } from '../../src/influxql/index.ts';
import { EmbeddedAdapter, executeStatement } from '../../src/tsdb/adapters/embedded/index.ts';
import { asInfluxJson } from '../../support/influxql-json.ts';

const port = Number(process.argv[2]);
const adapter = new EmbeddedAdapter({ dataDir: process.argv[3] as string, backgroundCheckpoints: false });
const storage = adapter.queryStorage();
const json = (v: unknown) => JSON.stringify(v);

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const db = url.searchParams.get('db') ?? undefined;
    let body: string;
    let status = 200;
    try {
      const ctx = { db, nowNs: BigInt(Date.now()) * 1_000_000n, canRead: () => true, listDatabases: () => ['tsdata'], storage };
      const results = parseQuery(url.searchParams.get('q') ?? '').map((s, i) => ({ statement_id: i, ...asInfluxJson(executeStatement(s, ctx)) }));
      body = json({ results });
    } catch (err) {
      status = err instanceof ParseError ? 400 : 500;
      body = json({ error: err instanceof Error ? err.message : String(err) });
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(port, '127.0.0.1');
process.once('SIGTERM', () => void adapter.close().then(() => process.exit(0)));
