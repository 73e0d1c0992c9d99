// The test author's control surface under /__emulator/: admin tokens only, and absent altogether (404, as
// on a real device) with EMULATOR_API=off. Each resource is its own module; this wires them in one scope.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { DataPlane } from '../devicehub/data-plane.ts';
import { forbidden } from '../errors.ts';
import { deviceRoutes } from './devices.ts';

export interface EmulatorDeps {
  dataPlane: DataPlane;
}

/** Runs after the app-wide auth hook (registered earlier, so it runs first): only admins get through. */
function adminOnly(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (request.identity?.role !== 'admin') {
    done(forbidden('the /__emulator/ API needs an admin token'));
    return;
  }
  done();
}

export async function registerEmulator(app: FastifyInstance, enabled: boolean, deps: EmulatorDeps): Promise<void> {
  if (!enabled) return;
  await app.register(async (scope) => {
    scope.addHook('onRequest', adminOnly);
    await scope.register(deviceRoutes, deps);
  });
}
