// The running server's view of oauth-clients.json, reloaded like tokens.json (PolledFile): the token
// endpoint authenticates clients here, and the bearer check asks whether a token's client still exists.
import type { FastifyBaseLogger } from 'fastify';
import { PolledFile } from '../../fs/polled-file.ts';
import { authenticateClient, type ClientIdentity, type ClientRecord } from './clients.ts';
import { readClients } from './client-file.ts';

interface Entry {
  secretHash: Buffer;
  identity: ClientIdentity;
}

export class ClientCache {
  private byId = new Map<string, Entry>();
  private readonly listeners: (() => void)[] = [];
  private readonly file: PolledFile;

  constructor(file: string, log: FastifyBaseLogger) {
    this.file = new PolledFile(
      file,
      async (exists) => {
        const records = exists ? await readClients(file) : [];
        // Swapped and announced in one synchronous step: no request sees the new set with an old memo.
        this.byId = new Map(records.map((r) => [r.clientId, toEntry(r)]));
        for (const listener of this.listeners) listener();
        log.info({ clients: records.length }, 'OAuth clients loaded');
      },
      (err) => log.error({ err, file }, 'OAuth client file unreadable; keeping the previous clients'),
    );
  }

  start(pollMs: number): Promise<void> {
    return this.file.start(pollMs);
  }

  stop(): void {
    this.file.stop();
  }

  refresh(): Promise<void> {
    return this.file.refresh();
  }

  /** Called whenever the client set is replaced (memos of verified tokens are dropped there). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The client with this id and secret, or undefined. */
  authenticate(clientId: string, secret: string): ClientIdentity | undefined {
    return authenticateClient(this.byId, clientId, secret);
  }

  /** Whether this client id exists now (failed attempts are counted only against existing clients). */
  has(clientId: string): boolean {
    return this.byId.has(clientId);
  }

  /** The client as it is now; undefined once revoked. */
  get(clientId: string): ClientIdentity | undefined {
    return this.byId.get(clientId)?.identity;
  }
}

function toEntry(r: ClientRecord): Entry {
  return { secretHash: Buffer.from(r.secretHash, 'hex'), identity: { name: r.name, role: r.role, clientId: r.clientId } };
}
