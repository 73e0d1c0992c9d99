// Building blocks shared by the route schemas: names and passwords (the rules of tsdb/names.ts), the error
// body, the 204 reply. Messages are fixed text: a validation error never echoes the value it rejected (it may
// be a secret).
import { z } from 'zod';
import { MAX_BYTES, invalidMeasurementReason, invalidNameReason, invalidPasswordReason } from '../tsdb/names.ts';

/** "required" for a missing field, "must be a string" for a wrong type; never the input itself. */
export const stringError = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : 'must be a string') };

/**
 * A string checked by one of the rules in tsdb/names.ts, so a route answers 400 for exactly the names every
 * adapter refuses. `maxLength` (UTF-16 units) is what OpenAPI can say; the bound itself is in UTF-8 bytes.
 */
const ruled = (maxBytes: number, reason: (s: string) => string | undefined) =>
  z
    .string(stringError)
    .min(1, 'must not be empty')
    .max(maxBytes, `must be at most ${maxBytes} bytes (UTF-8)`)
    .superRefine((s, ctx) => {
      // The two checks above already answered for these; one message per problem.
      if (s === '' || s.length > maxBytes) return;
      const why = reason(s);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });

/** Database (bucket) names. */
export const databaseNameSchema = ruled(MAX_BYTES.database, (s) => invalidNameReason('database', s));
/** DB user names. */
export const userNameSchema = ruled(MAX_BYTES.user, (s) => invalidNameReason('user', s));
export const measurementSchema = ruled(MAX_BYTES.measurement, invalidMeasurementReason);
export const passwordSchema = ruled(MAX_BYTES.password, invalidPasswordReason);

export const errorSchema = z
  .object({ error: z.string(), message: z.string() })
  .meta({ example: { error: 'Not Found', message: 'database not found: apiTest' } });

/** Mutations answer 204 with no body. */
export const noContent = z.undefined().describe('No Content');

/** The error statuses every route can answer, documented once. */
export const errorResponses = {
  400: errorSchema.describe('Missing or malformed path or body parameter'),
  401: errorSchema.describe('Missing or invalid credentials'),
  403: errorSchema.describe('Token lacks permission for this operation'),
  404: errorSchema.describe('Target entity does not exist'),
  409: errorSchema.describe('Entity already exists'),
  502: errorSchema.describe('The TSDB source answered with a failure'),
  503: errorSchema.describe('The TSDB source is unreachable or did not answer in time'),
};
