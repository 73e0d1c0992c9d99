// The request hook that carries out API faults. Installed right after the auth hook and before every route
// module, so it sees every API request; with no fault set it costs one property read.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors.ts';
import type { ApiFaults } from './api-faults.ts';

export function installApiFaultHook(app: FastifyInstance, faults: ApiFaults): void {
  app.addHook('onRequest', async (request, reply) => {
    if (faults.empty) return;
    const path = request.url.split('?', 1)[0] ?? request.url;
    const fault = faults.take(request.method, path);
    if (!fault) return;
    const { effect } = fault;
    if (effect.latency_ms !== undefined) await sleep(effect.latency_ms);
    if (effect.drop) {
      // What a crashing service does to a client: the connection goes away without an answer.
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (effect.status !== undefined) {
      const body = effect.body ?? errorBody(effect.status, `emulated fault ${fault.id} on ${request.method} ${path}`);
      return reply.code(effect.status).send(body);
    }
  });
}
