// The DeviceHub simulator: every SIM_INTERVAL_MS, one message per tag of every simulated device, published
// on `devicehub.raw.{deviceID}.{tagID}` through the transport (NATS when configured: the real path).
// With a seed (SIM_SEED) the values are a function of the tick count, not the wall clock, so every run
// publishes the same sequence; DeviceStates (the emulator's device controls) can silence a device,
// fail tags or pin a tag to a pattern.
import { DeviceStates } from './device-states.ts';
import { simulatedDevices, type SimDevice } from './devices.ts';
import { encodeMessage, subjectFor, type DeviceHubMessage } from './message.ts';
import { signalValue } from './signals.ts';
import type { Transport } from './transport.ts';
import type { PlaneLogger } from './plane-logger.ts';

export interface SimulatorOptions {
  devices: number;
  tagsPerDevice: number;
  intervalMs: number;
  seed?: number | undefined;
  transport: Transport;
  logger: PlaneLogger;
}

export class Simulator {
  readonly #o: SimulatorOptions;
  readonly #fleet: SimDevice[];
  /** What the emulator API has set on devices. */
  readonly states = new DeviceStates();
  #timer: NodeJS.Timeout | undefined;
  #ticks = 0;
  #published = 0;
  #unsent = 0;

  constructor(options: SimulatorOptions) {
    this.#o = options;
    this.#fleet = simulatedDevices(options.devices, options.tagsPerDevice, options.seed);
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

  /** Publishes one reading of every tag of every online device, stamped t. */
  tick(t: number): void {
    const seed = this.#o.seed;
    // A seed fixes the signal clock to a seed-chosen day plus whole ticks: the same values on every run.
    const valueT = seed === undefined ? t : seed * 86_400_000 + this.#ticks * this.#o.intervalMs;
    this.#ticks++;
    let sent = 0;
    let unsent = 0;
    const states = this.states;
    for (const device of this.#fleet) {
      const state = states.empty ? undefined : states.get(device.deviceID);
      if (state && !state.online) continue;
      for (const tag of device.tags) {
        const failed = state?.failedTags.has(tag.tagName) ?? false;
        const value = failed ? null : ((state && states.value(state, tag.tagName, t)) ?? signalValue(tag, valueT));
        const msg: DeviceHubMessage = {
          deviceID: device.deviceID,
          deviceName: device.deviceName,
          tagName: tag.tagName,
          registerId: tag.registerId,
          datatype: tag.datatype,
          description: tag.description,
          metadata: { driver: device.driver },
          success: !failed,
          timestamp: t,
          value,
        };
        if (this.#o.transport.publish(subjectFor(device.deviceID, tag.tagID), encodeMessage(msg))) sent++;
        else unsent++;
      }
    }
    this.#published += sent;
    this.#unsent += unsent;
  }
}
