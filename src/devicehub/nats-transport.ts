// The NATS transport: one `nats` v2 connection that reconnects forever. The client's own reconnect covers
// drops after the first connection; the loop here covers a server that is down at start-up or a connection
// the client gave up on, with a bounded wait between attempts and a stop that cancels it.
import { connect, type NatsConnection } from 'nats';
import { SUBJECT_WILDCARD } from './message.ts';
import type { MessageHandler, Transport } from './transport.ts';
import type { PlaneLogger } from './log-limiter.ts';

export interface NatsTransportOptions {
  url: string;
  /** Client name shown by the server's monitoring (consumer vs simulator). */
  name: string;
  logger: PlaneLogger;
  /** Longest wait between connection attempts. */
  maxWaitMs?: number;
}

export class NatsTransport implements Transport {
  readonly #o: Required<NatsTransportOptions>;
  #nc: NatsConnection | undefined;
  #handler: MessageHandler | undefined;
  #closing = false;
  #retry: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  #waitMs = 100;
  #loop: Promise<void> | undefined;

  constructor(options: NatsTransportOptions) {
    this.#o = { maxWaitMs: 2000, ...options };
  }

  /** Starts connecting in the background; never throws, never blocks start-up on the server. */
  open(): void {
    this.#loop ??= this.#connectLoop();
  }

  /** True once connected (and not currently reconnecting). */
  get connected(): boolean {
    return this.#nc !== undefined && !this.#nc.isClosed() && !this.#nc.isDraining();
  }

  subscribe(handler: MessageHandler): void {
    this.#handler = handler;
    if (this.#nc) this.#subscribeOn(this.#nc);
  }

  publish(subject: string, data: Uint8Array): boolean {
    const nc = this.#nc;
    if (!nc || nc.isClosed()) return false;
    try {
      // While reconnecting the client buffers outgoing messages (reconnectBufSize) and throws past it.
      nc.publish(subject, data);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    if (this.#retry) {
      clearTimeout(this.#retry.timer);
      this.#retry.wake();
    }
    const nc = this.#nc;
    this.#nc = undefined;
    if (nc && !nc.isClosed()) {
      // flush() hands pending publishes to the server; skip it when disconnected, it would wait forever.
      await nc.close().catch(() => undefined);
    }
    await this.#loop;
  }

  #subscribeOn(nc: NatsConnection): void {
    const handler = this.#handler;
    if (!handler) return;
    nc.subscribe(SUBJECT_WILDCARD, {
      callback: (err, msg) => {
        if (!err) handler(msg.subject, msg.data);
      },
    });
  }

  async #connectLoop(): Promise<void> {
    while (!this.#closing) {
      let nc: NatsConnection;
      try {
        nc = await connect({
          servers: this.#o.url,
          name: this.#o.name,
          maxReconnectAttempts: -1,
          // Bounds one attempt against an address that swallows packets (close() waits for it).
          timeout: 5000,
          reconnectTimeWait: Math.min(1000, this.#o.maxWaitMs),
          reconnectJitter: 200,
          // Reads are checked at least this often, so a silently dead server is noticed.
          pingInterval: 10_000,
          maxPingOut: 3,
        });
      } catch (err) {
        this.#o.logger.warn({ err, url: this.#o.url, retryInMs: this.#waitMs }, 'NATS connect failed; retrying');
        // close() wakes this wait, so a stop never hangs on a server that is not there.
        await new Promise<void>((wake) => {
          this.#retry = { timer: setTimeout(wake, this.#waitMs), wake };
        });
        this.#retry = undefined;
        this.#waitMs = Math.min(this.#o.maxWaitMs, this.#waitMs * 2);
        continue;
      }
      if (this.#closing) {
        await nc.close().catch(() => undefined);
        return;
      }
      this.#waitMs = 100;
      this.#nc = nc;
      this.#subscribeOn(nc);
      this.#o.logger.info({ url: this.#o.url, name: this.#o.name }, 'NATS connected');
      void this.#watchStatus(nc);
      const closedWith = await nc.closed();
      if (this.#nc === nc) this.#nc = undefined;
      if (!this.#closing) {
        this.#o.logger.warn({ err: closedWith, url: this.#o.url }, 'NATS connection closed; reconnecting');
      }
    }
  }

  async #watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') this.#o.logger.warn({ url: this.#o.url, name: this.#o.name }, 'NATS disconnected');
      else if (s.type === 'reconnect') this.#o.logger.info({ url: this.#o.url, name: this.#o.name }, 'NATS reconnected');
    }
  }
}
