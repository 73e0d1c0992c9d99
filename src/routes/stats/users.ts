// /stats/users*: DB users of the active source with their grants; create (all-or-nothing),
// grant, revoke, reset password, delete. Passwords only ever travel inward to the adapter.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, noContent } from '../../schemas/common.ts';
import {
  createUserBodySchema,
  grantBodySchema,
  passwordBodySchema,
  revokeBodySchema,
  userListSchema,
  userParamsSchema,
} from '../../schemas/users.ts';
import type { SourceManager } from '../../tsdb/source-manager.ts';

export interface UsersRoutesOptions {
  sources: SourceManager;
}

export const usersRoutes: FastifyPluginAsync<UsersRoutesOptions> = async (fastify, { sources }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['DB users'];
  const { 400: e400, 401: e401, 403: e403, 404: e404, 409: e409, 502: e502, 503: e503 } = errorResponses;
  const upstream = { 401: e401, 403: e403, 502: e502, 503: e503 };
  const mutation = { 204: noContent, 400: e400, 404: e404, ...upstream };

  app.get('/stats/users', {
    schema: {
      tags,
      summary: 'List DB Users with their per-database grants',
      response: { 200: userListSchema, ...upstream },
    },
    handler: async () => sources.guardedAdapter().listUsers(),
  });

  app.post('/stats/users', {
    schema: {
      tags,
      summary: 'Create User with initial grants; nothing is created if any grant fails',
      body: createUserBodySchema,
      response: { 204: noContent, 400: e400, 404: e404, 409: e409, ...upstream },
    },
    handler: async (request, reply) => {
      const { name, password, grants } = request.body;
      await sources.guardedAdapter().createUser(name, password, grants);
      return reply.code(204).send();
    },
  });

  app.put('/stats/users/:db_username/grant_privileges', {
    schema: {
      tags,
      summary: 'Grant Privileges to User on one database (additive: READ then WRITE is ALL)',
      params: userParamsSchema,
      body: grantBodySchema,
      response: mutation,
    },
    handler: async (request, reply) => {
      await sources.guardedAdapter().grant(request.params.db_username, request.body.database, request.body.privileges);
      return reply.code(204).send();
    },
  });

  app.put('/stats/users/:db_username/revoke_privileges', {
    schema: {
      tags,
      summary: 'Revoke Privileges from User (ALL minus WRITE leaves READ)',
      params: userParamsSchema,
      body: revokeBodySchema,
      response: mutation,
    },
    handler: async (request, reply) => {
      await sources.guardedAdapter().revoke(request.params.db_username, request.body.database, request.body.privileges);
      return reply.code(204).send();
    },
  });

  app.put('/stats/users/:db_username/password', {
    schema: {
      tags,
      summary: 'Reset User Password',
      params: userParamsSchema,
      body: passwordBodySchema,
      response: mutation,
    },
    handler: async (request, reply) => {
      await sources.guardedAdapter().setPassword(request.params.db_username, request.body.password);
      return reply.code(204).send();
    },
  });

  app.delete('/stats/users/:db_username/delete', {
    schema: {
      tags,
      summary: 'Delete User and all of their grants',
      params: userParamsSchema,
      response: mutation,
    },
    handler: async (request, reply) => {
      await sources.guardedAdapter().dropUser(request.params.db_username);
      return reply.code(204).send();
    },
  });
};
