// Stand-in for InfluxDB 2.x: /api/v2/orgs and /api/v2/buckets, with 2.x's paging (default 20, max 100,
// `offset` and `after`), name rules (no leading `_`, no `"`) and duplicate → 422 `conflict`.
import { jsonBody, resolveOrg, type Route } from './http.ts';
import { InfluxApiError, checkId, type Bucket } from './state.ts';

const bucketJson = (b: Bucket) => {
  const { points: _points, ...rest } = b;
  return { ...rest, labels: [], links: { self: `/api/v2/buckets/${b.id}`, org: `/api/v2/orgs/${b.orgID}` } };
};

function intParam(query: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return def;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new InfluxApiError('invalid', `${name} must be between ${min} and ${max}`);
  }
  return n;
}

export const bucketRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/v2\/orgs$/,
    auth: true,
    handler(state, req) {
      const name = req.query.get('org');
      if (name !== null && name !== state.org.name) {
        throw new InfluxApiError('not found', `organization name "${name}" not found`);
      }
      return { status: 200, body: { links: { self: '/api/v2/orgs' }, orgs: [state.org] } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/buckets$/,
    auth: true,
    handler(state, req) {
      resolveOrg(state, req.query);
      const limit = intParam(req.query, 'limit', 20, 1, 100);
      const offset = intParam(req.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      let list = state.sortedBuckets();
      const name = req.query.get('name');
      if (name !== null) {
        list = list.filter((b) => b.name === name);
        if (list.length === 0) throw new InfluxApiError('not found', `bucket "${name}" not found`);
      }
      const after = req.query.get('after');
      if (after !== null) {
        const at = list.findIndex((b) => b.id === checkId(after, 'after'));
        list = at < 0 ? [] : list.slice(at + 1);
      }
      const page = list.slice(offset, offset + limit);
      return { status: 200, body: { links: { self: `/api/v2/buckets?limit=${limit}` }, buckets: page.map(bucketJson) } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/buckets$/,
    auth: true,
    handler(state, req) {
      const body = jsonBody(req);
      // Newer 2.x builds insist on the ID; a bare org name is refused.
      if (typeof body.orgID !== 'string' || body.orgID === '') {
        throw new InfluxApiError('invalid', 'organization id must be provided');
      }
      if (checkId(body.orgID, 'orgID') !== state.org.id) throw new InfluxApiError('not found', 'organization not found');
      const name = body.name;
      if (typeof name !== 'string' || name.trim() === '') throw new InfluxApiError('invalid', 'bucket name is empty');
      if (name.startsWith('_')) {
        throw new InfluxApiError('invalid', `bucket name ${name} is invalid. Buckets may not start with underscore`);
      }
      if (name.includes('"')) {
        throw new InfluxApiError('invalid', `bucket name ${name} is invalid. Bucket names may not include quotation marks`);
      }
      if (state.bucketByName(name)) throw new InfluxApiError('conflict', `bucket with name ${name} already exists`);
      const rules = Array.isArray(body.retentionRules) ? (body.retentionRules as { everySeconds?: number }[]) : [];
      const bucket = state.addBucket(name, 'user', rules[0]?.everySeconds ?? 0);
      if (typeof body.description === 'string') bucket.description = body.description;
      return { status: 201, body: bucketJson(bucket) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/buckets\/([^/]+)$/,
    auth: true,
    handler(state, req) {
      const bucket = state.buckets.get(checkId(req.params[0], 'bucketID'));
      if (!bucket) throw new InfluxApiError('not found', 'bucket not found');
      return { status: 200, body: bucketJson(bucket) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/v2\/buckets\/([^/]+)$/,
    auth: true,
    handler(state, req) {
      const bucket = state.buckets.get(checkId(req.params[0], 'bucketID'));
      if (!bucket) throw new InfluxApiError('not found', 'bucket not found');
      if (bucket.type === 'system') throw new InfluxApiError('invalid', 'system buckets cannot be deleted');
      state.buckets.delete(bucket.id);
      return { status: 204 };
    },
  },
];
