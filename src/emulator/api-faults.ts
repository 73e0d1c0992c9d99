// Faults on the HTTP API: which requests they match (method, path pattern), what they do (a status with
// an error body, added latency, a dropped connection), how often (times, probability) and for how long.
// The store is plain data with an injected clock and random source, so matching is tested without a server.
import { z } from 'zod';

/** Paths no fault may touch: the control surface itself (a fault must never lock its author out) and the docs. */
export const FAULT_FREE_PREFIXES = ['/__emulator/', '/docs'] as const;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const apiFaultSchema = z.strictObject({
  match: z.strictObject({
    method: z.enum([...METHODS, '*']).default('*'),
    /** `*` matches any run of characters (slashes included); everything else literally. Query strings are ignored. */
    path: z.string().min(1).max(1024).regex(/^\/[^?#\s]*$/, 'must be a path starting with / (no query), * as a wildcard'),
  }),
  effect: z
    .strictObject({
      status: z.number().int().min(400).max(599).optional(),
      /** Sent instead of the document's `{error, message}` body for `status`. */
      body: z.record(z.string(), z.unknown()).optional(),
      latency_ms: z.number().int().min(1).max(120_000).optional(),
      drop: z.literal(true).optional(),
    })
    .refine((e) => e.status !== undefined || e.latency_ms !== undefined || e.drop, {
      message: 'needs status, latency_ms or drop',
    })
    .refine((e) => e.body === undefined || e.status !== undefined, { message: 'body needs a status', path: ['body'] })
    .refine((e) => !(e.drop && e.status !== undefined), { message: 'drop and status exclude each other', path: ['drop'] }),
  /** Applies this many times, then disappears. */
  times: z.number().int().min(1).max(1_000_000).optional(),
  /** Chance that a matching request is affected. */
  probability: z.number().gt(0).max(1).default(1),
  /** Disappears this long after it was created. */
  duration_s: z.number().positive().max(31_536_000).optional(),
});

export type ApiFaultSpec = z.infer<typeof apiFaultSchema>;

export interface ApiFault extends ApiFaultSpec {
  id: string;
  created_at: string;
  /** Requests it has affected so far. */
  hits: number;
  /** Applications left, when `times` was given. */
  remaining?: number | undefined;
  expires_at?: string | undefined;
}

interface Entry {
  fault: ApiFault;
  re: RegExp;
  expiresMs: number;
}

function patternRegExp(pattern: string): RegExp {
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

export class ApiFaults {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #random: () => number;
  #next = 1;

  constructor(now: () => number = Date.now, random: () => number = Math.random) {
    this.#now = now;
    this.#random = random;
  }

  /** Nothing to check: the request hook returns at once. */
  get empty(): boolean {
    return this.#entries.size === 0;
  }

  add(spec: ApiFaultSpec): ApiFault {
    const now = this.#now();
    const id = `f${this.#next++}`;
    const expiresMs = spec.duration_s === undefined ? Infinity : now + spec.duration_s * 1000;
    const fault: ApiFault = {
      ...spec,
      id,
      created_at: new Date(now).toISOString(),
      hits: 0,
      remaining: spec.times,
      expires_at: Number.isFinite(expiresMs) ? new Date(expiresMs).toISOString() : undefined,
    };
    this.#entries.set(id, { fault, re: patternRegExp(spec.match.path), expiresMs });
    return { ...fault };
  }

  list(): ApiFault[] {
    this.#expire();
    return [...this.#entries.values()].map((e) => ({ ...e.fault }));
  }

  get(id: string): ApiFault | undefined {
    this.#expire();
    const e = this.#entries.get(id);
    return e && { ...e.fault };
  }

  remove(id: string): boolean {
    return this.#entries.delete(id);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** The first live fault that matches and fires for this request (counted), or undefined. */
  take(method: string, path: string): ApiFault | undefined {
    if (FAULT_FREE_PREFIXES.some((p) => path.startsWith(p))) return undefined;
    this.#expire();
    for (const [id, e] of this.#entries) {
      const f = e.fault;
      if (f.match.method !== '*' && f.match.method !== method) continue;
      if (!e.re.test(path)) continue;
      if (f.probability < 1 && this.#random() >= f.probability) continue;
      f.hits++;
      if (f.remaining !== undefined && --f.remaining <= 0) this.#entries.delete(id);
      return { ...f };
    }
    return undefined;
  }

  #expire(): void {
    const now = this.#now();
    for (const [id, e] of this.#entries) if (e.expiresMs <= now) this.#entries.delete(id);
  }
}
