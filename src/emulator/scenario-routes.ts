// /__emulator/scenarios: start a scenario (checked whole first), show what runs, stop it.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, noContent } from '../schemas/common.ts';
import type { ScenarioRunner } from './scenario-runner.ts';
import { parseScenario } from './scenario-schema.ts';
import { EMULATOR_TAG } from './schemas.ts';

const { 400: e400, 401: e401, 403: e403, 404: e404 } = errorResponses;
const statusSchema = z.object({
  running: z.boolean(),
  name: z.string().optional(),
  loop: z.boolean().optional(),
  started_at: z.string().optional(),
  iteration: z.number().optional(),
  steps_applied: z.number().optional(),
});

export const scenarioRoutes: FastifyPluginAsync<{ runner: ScenarioRunner }> = async (fastify, { runner }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = [EMULATOR_TAG];

  app.post('/__emulator/scenarios', {
    schema: {
      tags,
      summary: 'Start a scenario (stopping the one running); checked whole before anything runs',
      description:
        '`{"name", "loop", "duration_s", "steps": [{"at_s": 0, "metric": {"family": "node_cpu_user", "value": 95}}, ' +
        '{"at_s": 10, "fault": {...}}, {"at_s": 20, "device": {"name": "P1_L1_Machine1_1_OPC", "online": false}}, ' +
        '{"at_s": 30, "tsdb": {"state": "down"}}, {"at_s": 60, "clear": ["metrics", "faults", "devices", "tsdb"]}]}`. ' +
        'Each step takes the body of the matching endpoint. A bad scenario is a 400 naming the step and the field. ' +
        'Examples: examples/scenarios/.',
      body: z.record(z.string(), z.unknown()),
      response: { 201: statusSchema, 400: e400, 401: e401, 403: e403, 404: e404 },
    },
    handler: async (request, reply) => reply.code(201).send(runner.start(parseScenario(request.body))),
  });

  app.get('/__emulator/scenarios', {
    schema: { tags, summary: 'The running scenario, if any', response: { 200: statusSchema, 401: e401, 403: e403 } },
    handler: async () => runner.status(),
  });

  app.delete('/__emulator/scenarios', {
    schema: {
      tags,
      summary: 'Stop the scenario; overrides, faults, device states and the TSDB state go back to live',
      response: { 204: noContent, 401: e401, 403: e403 },
    },
    handler: async (_request, reply) => {
      runner.stop();
      return reply.code(204).send();
    },
  });
};
