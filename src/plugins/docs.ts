// The OpenAPI 3 document (/docs/json) and Swagger UI (/docs), generated from the same zod schemas
// that validate requests. Register before the routes so @fastify/swagger sees every one of them.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'LitmusEdge DataHub API (emulator)',
        description:
          'The DataHub endpoints of a LitmusEdge device: host metrics, the time-series DB source, ' +
          'its databases and its DB users. Authenticate with HTTP Basic (the username is an API token, the ' +
          'password empty) or with an OAuth2 Bearer access token from POST /auth/v3/oauth/token (client credentials).',
        version: '4.0.x',
      },
      components: {
        securitySchemes: {
          basicAuth: {
            type: 'http',
            scheme: 'basic',
            description: 'Username: your API token. Password: empty.',
          },
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'An access token from POST /auth/v3/oauth/token (valid 3600 s).',
          },
          // Lets the docs UI fetch a token itself from a client_id and client_secret.
          oauth2: {
            type: 'oauth2',
            description: 'Client credentials from `npm run --silent token -- client create`.',
            flows: { clientCredentials: { tokenUrl: '/auth/v3/oauth/token', scopes: {} } },
          },
        },
      },
      // Alternatives: any one of them authenticates a request.
      security: [{ basicAuth: [] }, { bearerAuth: [] }, { oauth2: [] }],
      tags: [
        {
          name: 'Emulator',
          description:
            'Not on a real device: the test author\'s control surface under /__emulator/ (admin tokens only; ' +
            'EMULATOR_API=off removes it). Device states, API and TSDB faults, reset and snapshots, scenarios, metric overrides.',
        },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
