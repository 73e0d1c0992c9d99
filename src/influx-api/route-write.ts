// POST /write as influxd 1.6's serveWrite: db required (400), db known (404), WRITE grant (403), the body
// (gzip when Content-Encoding says so) parsed line by line; the valid points are written and what was left
// out answers 400 `partial write: <reason> dropped=<n>`, in influxd's order of reasons.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { InfluxStorage, LinePoint } from './engine.ts';
import { MAX_BODY_BYTES, urlQuery } from './request.ts';
import { LineCache, parseLineProtocol } from './line-protocol/index.ts';
import { influxError } from './replies.ts';

const inflate = promisify(gunzip);
const WRITE = 2;

export interface WriteRouteOptions {
  storage: InfluxStorage;
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  nowNs: () => bigint;
}

export const writeRoute: FastifyPluginAsync<WriteRouteOptions> = async (app, { storage, authenticate, nowNs }) => {
  // Per app: writers repeat their series in every body (line-protocol/cache.ts).
  const cache = new LineCache();
  app.post('/write', { preHandler: authenticate }, async (request, reply) => {
    const query = urlQuery(request);
    const db = query.get('db') ?? '';
    if (db === '') return influxError(reply, 400, 'database is required');
    if (!storage.databaseExists(db)) return influxError(reply, 404, `database not found: ${goQuote(db)}`);
    const who = request.influxUser!;
    const bits = who.user.grants.get(db) ?? 0;
    if ((bits & WRITE) === 0) {
      return influxError(reply, 403, `${goQuote(who.name)} user is not authorized to write to database ${goQuote(db)}`);
    }
    const body = await readBody(request, reply);
    if (body === undefined) return reply;
    const now = nowNs();
    const { points, failed } = parseLineProtocol(body, query.get('precision') ?? '', now, cache);
    if (failed.length > 0 && points.length === 0) return influxError(reply, 400, failed.join('\n'));
    const consistency = query.get('consistency') ?? '';
    if (consistency !== '' && !['any', 'one', 'quorum', 'all'].includes(consistency)) {
      return influxError(reply, 400, 'invalid consistency level');
    }
    const rp = query.get('rp') ?? '';
    // The embedded engine has one policy per database; influxd answers a missing one with a 500 and
    // this text, a 404 here (never a 5xx for the caller's mistake).
    if (rp !== '' && rp !== 'autogen') return influxError(reply, 404, `retention policy not found: ${rp}`);

    const kept = dropInvalid(points, storage.retentionNs(db), now);
    const written = await storage.writeLinePoints(db, kept.points);
    const dropped = kept.dropped + written.dropped;
    const reason = kept.reason ?? written.firstError;
    if (dropped > 0 && reason !== undefined) return influxError(reply, 400, `partial write: ${reason} dropped=${dropped}`);
    if (kept.expired > 0) return influxError(reply, 400, `partial write: points beyond retention policy dropped=${kept.expired}`);
    if (failed.length > 0) return influxError(reply, 400, `partial write: ${failed.join('\n')} dropped=0`);
    return reply.code(204).send();
  });
};

/** The body's bytes; gzip inflated (bounded like the body itself). Sends the error and returns undefined. */
async function readBody(request: FastifyRequest, reply: FastifyReply): Promise<Buffer | undefined> {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (request.headers['content-encoding'] !== 'gzip') return raw;
  try {
    return await inflate(raw, { maxOutputLength: MAX_BODY_BYTES });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      influxError(reply, 413, 'Request Entity Too Large');
    } else {
      influxError(reply, 400, gzipErrorText(raw, err as NodeJS.ErrnoException));
    }
    return undefined;
  }
}

/** Go's compress/gzip texts: a short or cut stream is `unexpected EOF`, a wrong magic `gzip: invalid header`. */
function gzipErrorText(raw: Buffer, err: NodeJS.ErrnoException): string {
  if (raw.length < 10 || err.code === 'Z_BUF_ERROR') return 'unexpected EOF';
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return 'gzip: invalid header';
  if (/check/i.test(err.message)) return 'gzip: invalid checksum';
  return 'flate: corrupt input';
}

interface Kept {
  points: LinePoint[];
  /** Left out as influxd's shard does: a `time` tag, or no field but `time`. */
  dropped: number;
  reason: string | undefined;
  /** Older than the retention (influxd's "points beyond retention policy"). */
  expired: number;
}

function dropInvalid(points: LinePoint[], retentionNs: bigint | undefined, now: bigint): Kept {
  const oldest = retentionNs === undefined ? undefined : now - retentionNs;
  const kept: LinePoint[] = [];
  let dropped = 0, expired = 0;
  let reason: string | undefined;
  for (const p of points) {
    if (oldest !== undefined && p.timeNs < oldest) {
      expired++;
      continue;
    }
    if ('time' in p.tags) {
      dropped++;
      reason ??= `invalid tag key: input tag "time" on measurement "${p.measurement}" is invalid`;
      continue;
    }
    if ('time' in p.fields) {
      const { time: _time, ...fields } = p.fields;
      if (Object.keys(fields).length === 0) {
        dropped++;
        reason ??= `invalid field name: input field "time" on measurement "${p.measurement}" is invalid`;
        continue;
      }
      kept.push({ ...p, fields, fieldsJson: undefined });
      continue;
    }
    kept.push(p);
  }
  return { points: kept, dropped, reason, expired };
}

/** Go's %q for the texts influxd quotes names with. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
