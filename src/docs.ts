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
          'its databases and its DB users. HTTP Basic auth: the username is an API token, the password empty.',
        version: '4.0.x',
      },
      components: {
        securitySchemes: {
          basicAuth: {
            type: 'http',
            scheme: 'basic',
            description: 'Username: your API token. Password: empty.',
          },
        },
      },
      security: [{ basicAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
