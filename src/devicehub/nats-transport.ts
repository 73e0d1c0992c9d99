// The NATS transport: one `nats` v2 connection that reconnects forever. The client's own reconnect covers
// drops after the first connection; the loop here covers a server that is down at start-up or a connection
// the client gave up on, with a bounded wait between attempts and a stop that cancels it.
import type { Events as NatsEvents, NatsConnection } from 'nats';
import { SUBJECT_WILDCARD } from './message.ts';
import type { MessageHandler, Transport } from './transport.ts';
import { RateLimitedLog } from '../rate-limited-log.ts';
import type { PlaneLogger } from './plane-logger.ts';

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
  #attempts = 0;
  readonly #log: RateLimitedLog;
  /** For logs: a nats:// URL may carry user:password@. */
  readonly #where: string;

  constructor(options: NatsTransportOptions) {
    this.#o = { maxWaitMs: 2000, ...options };
    this.#log = new RateLimitedLog(this.#o.logger, 30_000);
    this.#where = redactUrl(options.url);
  }

  /** Connection attempts made by this transport's own loop (the client's reconnects not included). */
  get attempts(): number {
    return this.#attempts;
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
      // close(), not drain(): draining waits for the server, which may be the thing that is down.
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
    // Loaded on first use, not with the module: the client is ~2.5 MB of V8 heap for the life of the
    // process (measured), which the default in-process bus never needs.
    const { connect, Events } = await import('nats');
    while (!this.#closing) {
      let nc: NatsConnection;
      this.#attempts++;
      try {
        nc = await connect({
          ...natsAuthOptions(this.#o.url),
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
        this.#log.failure('connect', { err, url: this.#where, name: this.#o.name }, 'NATS connect failed; retrying in the background');
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
      this.#o.logger.info({ url: this.#where, name: this.#o.name }, 'NATS connected');
      void this.#watchStatus(nc, Events);
      const closedWith = await nc.closed();
      if (this.#nc === nc) this.#nc = undefined;
      if (!this.#closing) {
        this.#o.logger.warn({ err: closedWith, url: this.#where }, 'NATS connection closed; reconnecting');
      }
    }
  }

  async #watchStatus(nc: NatsConnection, Events: typeof NatsEvents): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === Events.Disconnect) this.#o.logger.warn({ url: this.#where, name: this.#o.name }, 'NATS disconnected');
      else if (s.type === Events.Reconnect) this.#o.logger.info({ url: this.#where, name: this.#o.name }, 'NATS reconnected');
    }
  }
}

/** The URL without user:password@, for log lines. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1');
}

/**
 * The `nats` client does not read credentials from a URL, so `nats://user:pass@host` becomes user/pass
 * options and `nats://token@host` a token, with the server address stripped of them.
 */
export function natsAuthOptions(url: string): { servers: string; user?: string; pass?: string; token?: string } {
  const m = /^([a-z]+:\/\/)([^@/]*)@(.*)$/i.exec(url);
  if (!m) return { servers: url };
  const [, scheme, userinfo, rest] = m as unknown as [string, string, string, string];
  const servers = scheme + rest;
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { servers, token: decodeURIComponent(userinfo) };
  return { servers, user: decodeURIComponent(userinfo.slice(0, colon)), pass: decodeURIComponent(userinfo.slice(colon + 1)) };
}
