// The two ways DeviceHub messages travel: an in-process bus (default, no server) and a real NATS server.
// Both expose the same small interface, so the consumer and the simulator do not know which one runs.

export type MessageHandler = (subject: string, data: Uint8Array) => void;

export interface Transport {
  /** Starts delivering: NATS connects (and reconnects) in the background. Never blocks or throws; idempotent. */
  open(): void;
  /** Delivers every message published on `devicehub.raw.>` to the handler (one handler per transport). */
  subscribe(handler: MessageHandler): void;
  /** Fire and forget; returns false when the message could not be handed over (not connected). */
  publish(subject: string, data: Uint8Array): boolean;
  close(): Promise<void>;
}

/** Matches NATS's `devicehub.raw.>`: the prefix followed by at least one more token. */
export function matchesRawWildcard(subject: string): boolean {
  return subject.startsWith('devicehub.raw.') && subject.length > 'devicehub.raw.'.length;
}

/** Synchronous in-process delivery: what a device without a NATS server would do. */
export class InProcessBus implements Transport {
  #handler: MessageHandler | undefined;

  open(): void {
    // Nothing to connect: delivery is a function call.
  }

  subscribe(handler: MessageHandler): void {
    this.#handler = handler;
  }

  publish(subject: string, data: Uint8Array): boolean {
    if (this.#handler && matchesRawWildcard(subject)) this.#handler(subject, data);
    return true;
  }

  async close(): Promise<void> {
    this.#handler = undefined;
  }
}
