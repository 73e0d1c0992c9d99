// The DeviceHub data plane as one object the app starts and stops: transport (in-process bus, or NATS
// when NATS_URL is set), consumer, batching writer and simulator.
import type { Config } from '../config.ts';
import type { ActiveTargetProvider } from '../tsdb/active-target.ts';
import { Consumer, type ConsumerStats, type Counter } from './consumer.ts';
import { deviceViews, type DeviceView } from './device-view.ts';
import { NatsTransport } from './nats-transport.ts';
import { Simulator } from './simulator.ts';
import { InProcessBus, type Transport } from './transport.ts';
import { BatchWriter, type WriterStats } from './writer.ts';
import type { PlaneLogger } from './plane-logger.ts';

export interface DataPlaneOptions {
  config: Pick<Config, 'natsUrl' | 'simulator' | 'writer'>;
  targets: ActiveTargetProvider;
  /** node_nats_in_msgs. */
  natsInMsgs: Counter;
  logger: PlaneLogger;
}

export interface DataPlaneStats {
  consumer: ConsumerStats;
  writer: WriterStats;
  simulator: { published: number; unsent: number };
}

export class DataPlane {
  readonly writer: BatchWriter;
  readonly consumer: Consumer;
  readonly simulator: Simulator;
  /** What the consumer listens on. */
  readonly transport: Transport;
  readonly #o: DataPlaneOptions;
  /** What the simulator publishes on: its own NATS connection, like a separate DeviceHub process. */
  readonly #simTransport: Transport;
  #started = false;

  constructor(options: DataPlaneOptions) {
    this.#o = options;
    const { config, logger } = options;
    this.writer = new BatchWriter({ targets: options.targets, logger, ...config.writer });
    this.consumer = new Consumer({ counter: options.natsInMsgs, sink: this.writer, logger });
    if (config.natsUrl) {
      this.transport = new NatsTransport({ url: config.natsUrl, name: 'datahub-consumer', logger });
      this.#simTransport = new NatsTransport({ url: config.natsUrl, name: 'devicehub-simulator', logger });
    } else {
      this.transport = new InProcessBus();
      this.#simTransport = this.transport;
    }
    this.simulator = new Simulator({ ...config.simulator, transport: this.#simTransport, logger });
  }

  /** Never blocks on NATS: connections are made (and remade) in the background. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.transport.subscribe(this.consumer.handle);
    this.writer.start();
    this.transport.open();
    // No simulated devices, no connection of their own (with the in-process bus this is the same transport).
    if (this.#o.config.simulator.devices > 0) this.#simTransport.open();
    this.simulator.start();
  }

  /** Stops producing first, then consuming, then lets the writer make its last attempt. */
  async stop(): Promise<void> {
    this.simulator.stop();
    if (this.#simTransport !== this.transport) await this.#simTransport.close();
    await this.transport.close();
    await this.writer.stop();
    this.#started = false;
  }

  /** Simulated devices and devices heard on the bus, as the emulator and /devicehub/metrics show them. */
  devices(nowMs = Date.now()): DeviceView[] {
    return deviceViews(this.simulator, this.consumer.seen, nowMs);
  }

  stats(): DataPlaneStats {
    return { consumer: this.consumer.stats(), writer: this.writer.stats(), simulator: this.simulator.stats() };
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The DeviceHub data plane (src/app.ts); its stats() feed tests and benches. */
    dataPlane: DataPlane;
  }
}
