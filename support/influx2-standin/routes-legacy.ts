// Stand-in for InfluxDB 2.x: /private/legacy/authorizations (v1 username/password credentials), after 2.x's
// v1/authorization/http_server.go: permissions are fixed at creation (PATCH reads only status and
// description), at least one permission is required, the token (username) is unique, passwords are hashed.
import { jsonBody, resolveOrg, type Route } from './http.ts';
import { InfluxApiError, checkId, hashPassword, newId, type LegacyAuth, type Permission, type StandinState } from './state.ts';

const RESOURCE_TYPES = new Set(['authorizations', 'buckets', 'dashboards', 'orgs', 'tasks', 'telegrafs', 'users']);

const authJson = (a: LegacyAuth) => {
  const { passwordHash: _hash, ...rest } = a;
  return { ...rest, links: { self: `/private/legacy/authorizations/${a.id}` } };
};

function parsePermissions(state: StandinState, raw: unknown): Permission[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new InfluxApiError('invalid', 'authorization must include permissions');
  }
  return raw.map((p: unknown) => {
    const perm = p as Partial<Permission> | null;
    if (perm?.action !== 'read' && perm?.action !== 'write') throw new InfluxApiError('invalid', 'unknown action for permission');
    const res = perm.resource;
    if (!res || !RESOURCE_TYPES.has(res.type)) throw new InfluxApiError('invalid', 'unknown resource type for permission');
    if (res.id !== undefined) checkId(res.id, 'resource id');
    if (res.orgID !== undefined && res.orgID !== state.org.id) throw new InfluxApiError('invalid', 'permission org does not match');
    return { action: perm.action, resource: { ...res } };
  });
}

function findAuth(state: StandinState, id: string | undefined): LegacyAuth {
  const auth = state.auths.get(checkId(id, 'authorization id'));
  if (!auth) throw new InfluxApiError('not found', 'authorization not found');
  return auth;
}

export const legacyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/private\/legacy\/authorizations$/,
    auth: true,
    handler(state, req) {
      if (req.query.has('orgID') || req.query.has('org')) resolveOrg(state, req.query);
      let list = [...state.auths.values()];
      const token = req.query.get('token');
      if (token !== null) {
        list = list.filter((a) => a.token === token);
        if (list.length === 0) throw new InfluxApiError('not found', 'authorization not found');
      }
      const id = req.query.get('id');
      if (id !== null) list = list.filter((a) => a.id === id);
      return { status: 200, body: { links: { self: '/private/legacy/authorizations' }, authorizations: list.map(authJson) } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/private\/legacy\/authorizations$/,
    auth: true,
    handler(state, req) {
      const body = jsonBody(req);
      if (typeof body.orgID !== 'string' || body.orgID === '') throw new InfluxApiError('invalid', 'org id is required');
      if (checkId(body.orgID, 'orgID') !== state.org.id) throw new InfluxApiError('not found', 'organization not found');
      if (typeof body.token !== 'string' || body.token === '') {
        throw new InfluxApiError('invalid', 'token required for v1 user authorization type');
      }
      const permissions = parsePermissions(state, body.permissions);
      const token = body.token;
      if ([...state.auths.values()].some((a) => a.token === token)) {
        throw new InfluxApiError('conflict', 'token already exists');
      }
      const now = new Date().toISOString();
      const auth: LegacyAuth = {
        id: newId(),
        orgID: state.org.id,
        token,
        description: typeof body.description === 'string' ? body.description : '',
        status: body.status === 'inactive' ? 'inactive' : 'active',
        permissions,
        passwordHash: undefined,
        createdAt: now,
        updatedAt: now,
      };
      state.auths.set(auth.id, auth);
      return { status: 201, body: authJson(auth) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/private\/legacy\/authorizations\/([^/]+)$/,
    auth: true,
    handler: (state, req) => ({ status: 200, body: authJson(findAuth(state, req.params[0])) }),
  },
  {
    method: 'PATCH',
    pattern: /^\/private\/legacy\/authorizations\/([^/]+)$/,
    auth: true,
    handler(state, req) {
      const auth = findAuth(state, req.params[0]);
      const body = jsonBody(req);
      // Only these two are decoded; `permissions` in the body is ignored, exactly as upstream.
      if (body.status === 'active' || body.status === 'inactive') auth.status = body.status;
      else if (body.status !== undefined) throw new InfluxApiError('invalid', 'invalid status');
      if (typeof body.description === 'string') auth.description = body.description;
      auth.updatedAt = new Date().toISOString();
      return { status: 200, body: authJson(auth) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/private\/legacy\/authorizations\/([^/]+)$/,
    auth: true,
    handler(state, req) {
      state.auths.delete(findAuth(state, req.params[0]).id);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: /^\/private\/legacy\/authorizations\/([^/]+)\/password$/,
    auth: true,
    handler(state, req) {
      const auth = findAuth(state, req.params[0]);
      const body = jsonBody(req);
      if (typeof body.password !== 'string') throw new InfluxApiError('invalid', 'password is required');
      auth.passwordHash = hashPassword(body.password);
      return { status: 204 };
    },
  },
];
