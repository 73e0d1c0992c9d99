// Building blocks shared by the route schemas: bounded names, the error body, the 204 reply.
// Messages are fixed text: a validation error never echoes the value it rejected (it may be a secret).
import { z } from 'zod';

/** Database, bucket and user names: any printable text the backend accepts, bounded. */
export const NAME_MAX = 255;

/** "required" for a missing field, "must be a string" for a wrong type; never the input itself. */
export const stringError = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : 'must be a string') };
/** Measurement names are longer in practice (`<DeviceName>.<DeviceID>`); still bounded. */
export const MEASUREMENT_MAX = 1024;
export const PASSWORD_MAX = 1024;

export const nameSchema = z
  .string(stringError)
  .min(1, 'must not be empty')
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`);

export const measurementSchema = z
  .string(stringError)
  .min(1, 'must not be empty')
  .max(MEASUREMENT_MAX, `must be at most ${MEASUREMENT_MAX} characters`);

export const passwordSchema = z
  .string(stringError)
  .min(1, 'must not be empty')
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

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
