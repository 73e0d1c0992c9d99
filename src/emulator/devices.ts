// /__emulator/devices: list every device (simulated and heard on the bus) and set a simulated device's
// online state, failed tags and per-tag value patterns. The whole patch is checked before any of it applies.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DataPlane } from '../devicehub/data-plane.ts';
import { badRequest, notFound } from '../errors.ts';
import { errorResponses } from '../schemas/common.ts';
import { deviceIdParamsSchema, devicePatchSchema, deviceViewSchema, EMULATOR_TAG, type DevicePatch } from './schemas.ts';

const { 400: e400, 401: e401, 403: e403, 404: e404 } = errorResponses;

/** Throws 404 for a device the simulator does not own, 400 naming `${where}.field` for a tag it lacks. */
export function checkDevicePatch(dataPlane: DataPlane, deviceID: string, patch: DevicePatch, where: string): void {
  const device = dataPlane.simulator.fleet.find((d) => d.deviceID === deviceID);
  if (!device) throw notFound(`no simulated device with ID ${deviceID} (GET /__emulator/devices lists them)`);
  const known = new Set(device.tags.map((t) => t.tagName));
  patch.failed_tags?.forEach((tag, i) => {
    if (!known.has(tag)) throw badRequest(`${where}.failed_tags.${i}: device ${device.deviceName} has no tag "${tag}"`);
  });
  for (const tag of Object.keys(patch.values ?? {})) {
    if (!known.has(tag)) throw badRequest(`${where}.values.${tag}: device ${device.deviceName} has no such tag`);
  }
}

export const deviceRoutes: FastifyPluginAsync<{ dataPlane: DataPlane }> = async (fastify, { dataPlane }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = [EMULATOR_TAG];

  app.get('/__emulator/devices', {
    schema: {
      tags,
      summary: 'List DeviceHub devices: simulated ones (controllable) and those heard on NATS',
      response: { 200: deviceViewSchema.array(), 401: e401, 403: e403 },
    },
    handler: async () => dataPlane.devices(),
  });

  app.put('/__emulator/devices/:deviceID', {
    schema: {
      tags,
      summary: 'Set a simulated device online or offline, fail tags, pin tags to value patterns',
      description:
        '`failed_tags` replaces the set of failing tags (published with `success: false`); `values` maps a ' +
        'tag name to `{constant}`, `{ramp: {from, to, over_s}}`, `{sine: {min, max, period_s}}`, ' +
        '`{steps: {values, every_s}}`, or null to return it to its live signal. Fields left out keep their value.',
      params: deviceIdParamsSchema,
      body: devicePatchSchema,
      response: { 200: deviceViewSchema, 400: e400, 401: e401, 403: e403, 404: e404 },
    },
    handler: async (request) => {
      const { deviceID } = request.params;
      const body = request.body;
      checkDevicePatch(dataPlane, deviceID, body, 'body');
      dataPlane.simulator.states.apply(deviceID, body, Date.now());
      const view = dataPlane.devices().find((d) => d.id === deviceID);
      if (!view) throw notFound(`no simulated device with ID ${deviceID}`);
      return view;
    },
  });
};
