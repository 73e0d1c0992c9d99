// Schemas of /stats/users*: list, create, grant, revoke, password, delete. Privileges verbatim.
import { z } from 'zod';
import { PRIVILEGES } from '../tsdb/adapter.ts';
import { databaseNameSchema, passwordSchema, userNameSchema } from './common.ts';

export const privilegeSchema = z.enum(PRIVILEGES, {
  message: 'must be one of READ, WRITE, ALL, NO PRIVILEGES',
});
export const revocablePrivilegeSchema = z.enum(['READ', 'WRITE', 'ALL'], {
  message: 'must be one of READ, WRITE, ALL',
});

const grantSchema = z.object({ database: databaseNameSchema, privileges: privilegeSchema });

export const userListSchema = z
  .array(z.object({ name: z.string(), grants: z.array(z.object({ database: z.string(), privileges: privilegeSchema })) }))
  .meta({
    example: [
      {
        name: 'observer',
        grants: [
          { database: 'le_stats', privileges: 'READ' },
          { database: 'tsdata', privileges: 'READ' },
        ],
      },
    ],
  });

export const createUserBodySchema = z
  .object({
    name: userNameSchema,
    password: passwordSchema,
    grants: z.array(grantSchema).max(1000, 'at most 1000 grants'),
  })
  .meta({
    example: { name: 'apiTest', password: '****', grants: [{ database: 'tsdata', privileges: 'READ' }] },
  });

export const userParamsSchema = z.object({ db_username: userNameSchema });

export const grantBodySchema = grantSchema.meta({ example: { database: 'tsdata', privileges: 'READ' } });

export const revokeBodySchema = z
  .object({ database: databaseNameSchema, privileges: revocablePrivilegeSchema })
  .meta({ example: { database: 'tsdata', privileges: 'WRITE' } });

export const passwordBodySchema = z
  .object({ password: passwordSchema })
  .meta({ example: { password: 'newPassword' } });
