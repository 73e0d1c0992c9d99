// Stand-in for InfluxDB 2.x: the in-memory tenant (orgs, buckets, points, v1 legacy authorizations) and
// the error type whose JSON body `{code, message}` and code→status map follow 2.x's kit/platform/errors.
import { createHash, randomBytes } from 'node:crypto';
import type { LpPoint } from './line-protocol.ts';

export const CODE_STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not found': 404,
  'method not allowed': 405,
  conflict: 422,
  'unprocessable entity': 422,
  'internal error': 500,
} as const;
export type ErrorCode = keyof typeof CODE_STATUS;

export class InfluxApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
  get status(): number {
    return CODE_STATUS[this.code];
  }
}

export const newId = (): string => {
  // 2.x IDs are 16 lower-case hex digits and never all zero.
  let id = '';
  while (!/[1-9a-f]/.test(id)) id = randomBytes(8).toString('hex');
  return id;
};

export function checkId(id: string | null | undefined, what: string): string {
  if (!id) throw new InfluxApiError('invalid', `${what} is required`);
  if (!/^[0-9a-f]{16}$/.test(id)) throw new InfluxApiError('invalid', 'id must have a length of 16 bytes');
  return id;
}

export interface Org {
  id: string;
  name: string;
}

export interface Bucket {
  id: string;
  orgID: string;
  name: string;
  type: 'user' | 'system';
  description: string;
  retentionRules: { type: 'expire'; everySeconds: number }[];
  createdAt: string;
  updatedAt: string;
  points: (LpPoint & { bytes: number })[];
}

export interface Permission {
  action: 'read' | 'write';
  resource: { type: string; id?: string; orgID?: string; name?: string; org?: string };
}

export interface LegacyAuth {
  id: string;
  orgID: string;
  token: string;
  description: string;
  status: 'active' | 'inactive';
  permissions: Permission[];
  /** The real server keeps a hash; so does the stand-in (tests read it to prove a password was set). */
  passwordHash: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export const hashPassword = (pw: string): string => createHash('sha256').update(pw).digest('hex');

export class StandinState {
  readonly org: Org;
  readonly buckets = new Map<string, Bucket>();
  readonly auths = new Map<string, LegacyAuth>();

  constructor(orgName: string) {
    this.org = { id: newId(), name: orgName };
    // Onboarding creates these two system buckets in every org.
    for (const name of ['_monitoring', '_tasks']) this.addBucket(name, 'system');
  }

  addBucket(name: string, type: 'user' | 'system' = 'user', retentionSeconds = 0): Bucket {
    const now = new Date().toISOString();
    const bucket: Bucket = {
      id: newId(),
      orgID: this.org.id,
      name,
      type,
      description: '',
      retentionRules: retentionSeconds > 0 ? [{ type: 'expire', everySeconds: retentionSeconds }] : [],
      createdAt: now,
      updatedAt: now,
      points: [],
    };
    this.buckets.set(bucket.id, bucket);
    return bucket;
  }

  bucketByName(name: string): Bucket | undefined {
    for (const b of this.buckets.values()) if (b.name === name) return b;
    return undefined;
  }

  /** `bucket` query parameters take a name or an ID, IDs first (as 2.x's write and delete handlers do). */
  resolveBucket(nameOrId: string): Bucket | undefined {
    return this.buckets.get(nameOrId) ?? this.bucketByName(nameOrId);
  }

  /** Buckets in the order 2.x's index yields them: by name within the org. */
  sortedBuckets(): Bucket[] {
    return [...this.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
