// The request hook that carries out API faults. Installed right after the auth hook and before every route
// module, so it sees every API request. A callback hook, not an async one: with no fault set it costs one
// property read and no promise on the scrape path.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { errorBody } from '../errors.ts';
import type { ApiFault, ApiFaults } from './api-faults.ts';

async function carryOut(fault: ApiFault, path: string, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const { effect } = fault;
  if (effect.latency_ms !== undefined) await sleep(effect.latency_ms);
  if (effect.drop) {
    // What a crashing service does to a client: the connection goes away without an answer.
    reply.hijack();
    request.raw.socket.destroy();
    return true;
  }
  if (effect.status !== undefined) {
    const body = effect.body ?? errorBody(effect.status, `emulated fault ${fault.id} on ${request.method} ${path}`);
    await reply.code(effect.status).send(body);
    return true;
  }
  return false;
}

export function installApiFaultHook(app: FastifyInstance, faults: ApiFaults): void {
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (faults.empty) return done();
    const path = request.url.split('?', 1)[0] ?? request.url;
    const fault = faults.take(request.method, path);
    if (!fault) return done();
    carryOut(fault, path, request, reply).then(
      (answered) => {
        if (!answered) done();
      },
      (err: unknown) => done(err as Error),
    );
  });
}
