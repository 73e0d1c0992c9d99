// Stand-in for InfluxDB 2.x: the request/response shapes shared by its route modules.
import { InfluxApiError, type StandinState } from './state.ts';

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  params: string[];
}

export interface Res {
  status: number;
  body?: unknown;
  /** Sent verbatim with this content type instead of JSON. */
  text?: { contentType: string; data: string };
  headers?: Record<string, string>;
}

export type Handler = (state: StandinState, req: Req) => Res;

export interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  handler: Handler;
}

export function jsonBody(req: Req): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch (err) {
    throw new InfluxApiError('invalid', `failed to decode request body: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InfluxApiError('invalid', 'failed to decode request body: expected a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** `orgID` or `org` (a name, or an ID) as the OSS handlers resolve them; one of them is required. */
export function resolveOrg(state: StandinState, query: URLSearchParams, body?: Record<string, unknown>): string {
  const orgID = query.get('orgID') ?? (typeof body?.orgID === 'string' ? body.orgID : null);
  const org = query.get('org') ?? (typeof body?.org === 'string' ? body.org : null);
  if (orgID) {
    if (orgID !== state.org.id) throw new InfluxApiError('not found', 'organization not found');
    return orgID;
  }
  if (org) {
    if (org === state.org.id || org === state.org.name) return state.org.id;
    throw new InfluxApiError('not found', `organization name "${org}" not found`);
  }
  throw new InfluxApiError('invalid', 'Please provide either orgID or org');
}
