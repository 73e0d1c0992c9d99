// The DeviceHub simulator: every SIM_INTERVAL_MS, one message per tag of every simulated device, published
// on `devicehub.raw.{deviceID}.{tagID}` through the transport (NATS when configured: the real path).
import { simulatedDevices, type SimDevice } from './devices.ts';
import { encodeMessage, subjectFor, type DeviceHubMessage } from './message.ts';
import { signalValue } from './signals.ts';
import type { Transport } from './transport.ts';
import type { PlaneLogger } from './plane-logger.ts';

export interface SimulatorOptions {
  devices: number;
  tagsPerDevice: number;
  intervalMs: number;
  transport: Transport;
  logger: PlaneLogger;
}

export class Simulator {
  readonly #o: SimulatorOptions;
  readonly #fleet: SimDevice[];
  #timer: NodeJS.Timeout | undefined;
  #published = 0;
  #unsent = 0;

  constructor(options: SimulatorOptions) {
    this.#o = options;
    this.#fleet = simulatedDevices(options.devices, options.tagsPerDevice);
  }

  get fleet(): readonly SimDevice[] {
    return this.#fleet;
  }

  stats(): { published: number; unsent: number } {
    return { published: this.#published, unsent: this.#unsent };
  }

  start(): void {
    if (this.#fleet.length === 0 || this.#timer) return;
    this.#o.logger.info(
      { devices: this.#fleet.length, tagsPerDevice: this.#o.tagsPerDevice, intervalMs: this.#o.intervalMs },
      'DeviceHub simulator started',
    );
    this.#timer = setInterval(() => this.tick(Date.now()), this.#o.intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Publishes one reading of every tag at time t. */
  tick(t: number): void {
    let sent = 0;
    let unsent = 0;
    for (const device of this.#fleet) {
      for (const tag of device.tags) {
        const msg: DeviceHubMessage = {
          deviceID: device.deviceID,
          deviceName: device.deviceName,
          tagName: tag.tagName,
          registerId: tag.registerId,
          datatype: tag.datatype,
          description: tag.description,
          metadata: { driver: device.driver },
          success: true,
          timestamp: t,
          value: signalValue(tag, t),
        };
        if (this.#o.transport.publish(subjectFor(device.deviceID, tag.tagID), encodeMessage(msg))) sent++;
        else unsent++;
      }
    }
    this.#published += sent;
    this.#unsent += unsent;
  }
}
