// GET and POST /query as influxd 1.6's serveQuery: q (400 when missing), bound params, the whole query
// parsed (400) and authorized statement by statement (403) before anything runs, then the statements in
// order, answered as one JSON document or, with chunked=true, one line per chunk as they come.
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { InfluxStorage, QueryLanguage, RequiredPrivilege, StatementContext, StatementResult } from './engine.ts';
import { goJson } from './go-json.ts';
import { parseParams } from './params.ts';
import { influxError, sendJson } from './replies.ts';
import { formValues, urlQuery } from './request.ts';
import { chunkResult, DEFAULT_CHUNK_SIZE, mergeResults, resultObject, statementResults, type NumberedResult } from './results.ts';

const READ = 1;
const WRITE = 2;
const PRIVILEGE_BITS: Record<RequiredPrivilege['privilege'], number> = { 'NO PRIVILEGES': 0, READ: 1, WRITE: 2, 'ALL PRIVILEGES': 3 };

export interface QueryRouteOptions {
  storage: InfluxStorage;
  influxql: QueryLanguage;
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  nowNs: () => bigint;
}

export const queryRoute: FastifyPluginAsync<QueryRouteOptions> = async (app, options) => {
  const handler = (request: FastifyRequest, reply: FastifyReply) => serveQuery(request, reply, options);
  app.get('/query', { preHandler: options.authenticate }, handler);
  app.post('/query', { preHandler: options.authenticate }, handler);
};

async function serveQuery(request: FastifyRequest, reply: FastifyReply, o: QueryRouteOptions): Promise<FastifyReply> {
  const form = formValues(request);
  const q = form('q');
  if (q === '') return influxError(reply, 400, 'missing required parameter "q"');
  const epoch = form('epoch').trim();
  // influxd 1.6 reads `pretty` from the URL only (a form's pretty=true is ignored there too).
  const indent = urlQuery(request).get('pretty') === 'true' ? '    ' : '';
  const db = form('db');
  const params = parseParams(form('params'));
  if (!params.ok) return influxError(reply, 400, `error parsing query parameters: ${params.error}`);

  let statements: unknown[];
  try {
    statements = o.influxql.parse(q, params.value);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return influxError(reply, 400, text.startsWith('error parsing query: ') ? text : `error parsing query: ${text}`);
  }
  const who = request.influxUser!;
  const refusal = authorizationError(o.influxql, statements, db, who.name, who.user.grants);
  if (refusal) return influxError(reply, 403, `error authorizing query: ${refusal}`);

  const bits = (name: string) => who.user.grants.get(name) ?? 0;
  const ctx: StatementContext = {
    db: db === '' ? undefined : db,
    nowNs: o.nowNs(),
    canRead: (name) => (bits(name) & READ) !== 0,
    canWrite: (name) => (bits(name) & WRITE) !== 0,
    listDatabases: () => o.storage.databases(),
  };
  const run = async (stmt: unknown): Promise<StatementResult> => {
    try {
      return await o.influxql.execute(stmt, ctx);
    } catch (err) {
      // A statement the executor could not run is that statement's error, never a 5xx for the query.
      request.log.warn({ err }, 'influx api: statement failed');
      return { error: err instanceof Error ? err.message : String(err) };
    }
  };
  const results = statementResults(statements, run);
  const timeOptions = { epoch };

  if (form('chunked') === 'true') {
    const size = Number.parseInt(form('chunk_size'), 10);
    const chunkSize = Number.isFinite(size) && size > 0 ? size : DEFAULT_CHUNK_SIZE;
    const influxql = o.influxql;
    async function* lines(): AsyncGenerator<string> {
      for await (const { id, result } of results) {
        for (const piece of chunkResult(result, chunkSize, influxql.splitsRows(statements[id]))) {
          yield goJson({ results: [resultObject(id, piece, timeOptions)] }, indent) + '\n';
        }
      }
    }
    return reply.code(200).send(Readable.from(lines()));
  }
  const all: NumberedResult[] = [];
  for await (const r of results) all.push(r);
  const objects = mergeResults(all).map(({ id, result }) => resultObject(id, result, timeOptions));
  return sendJson(reply.code(200), goJson({ results: objects.length ? objects : undefined }, indent) + '\n');
}

/** influxd's UserInfo.AuthorizeQuery for a non-admin user: the first statement it may not run, as text. */
function authorizationError(
  influxql: QueryLanguage,
  statements: readonly unknown[],
  db: string,
  user: string,
  grants: ReadonlyMap<string, number>,
): string | undefined {
  for (const stmt of statements) {
    for (const p of influxql.requiredPrivileges(stmt, db)) {
      const text = () => influxql.statementString(stmt);
      if (p.admin) return `${user} not authorized to execute statement '${text()}', requires admin privilege`;
      const name = p.database === '' ? db : p.database;
      const need = PRIVILEGE_BITS[p.privilege];
      const have = grants.get(name);
      // AuthorizeDatabase: NO PRIVILEGES always passes, otherwise the exact privilege or ALL.
      if (need !== 0 && !(have !== undefined && (have === need || have === 3))) {
        return `${user} not authorized to execute statement '${text()}', requires ${p.privilege} on ${name}`;
      }
    }
  }
  return undefined;
}
