// The running server's view of tokens.json: held in memory so the auth check does no disk I/O, and
// refreshed when a cheap stat() on a timer sees the file change (the CLI writes it while we run).
// Accepted Authorization header values are remembered until the token set changes (see byHeader).
import type { FastifyBaseLogger } from 'fastify';
import { PolledFile } from '../fs/polled-file.ts';
import { readTokens } from './token-file.ts';
import { findByToken, type TokenIdentity, type TokenRecord } from './tokens.ts';

export const DEFAULT_POLL_MS = 500;
/** Distinct accepted header values kept; a token can be spelled many ways ("basic"/"Basic", base64
 *  padding), so past this the memo starts over rather than grow without bound. */
export const MAX_REMEMBERED_HEADERS = 64;

interface Entry {
  hash: Buffer;
  identity: TokenIdentity;
}

export class TokenCache {
  private entries: Entry[] = [];
  // Exact Authorization header -> identity, for headers already accepted against `entries`: a
  // scrape then skips base64 and SHA-256. Only accepted values enter (so unknown-token floods cannot
  // fill it), and it is replaced in the same synchronous step as `entries`, so once a reload has
  // dropped a token no header of it is answered from here. A lookup compares hashes first (V8's are
  // seeded per process) and only reveals whether this exact header is valid, which the answer does too.
  private byHeader = new Map<string, TokenIdentity>();
  private readonly file: PolledFile;

  constructor(file: string, log: FastifyBaseLogger) {
    this.file = new PolledFile(
      file,
      async (exists) => {
        const records = exists ? await readTokens(file) : [];
        this.entries = records.map(toEntry);
        this.byHeader = new Map();
        log.info({ tokens: records.length }, 'tokens loaded');
      },
      (err) => log.error({ err, file }, 'token file unreadable; keeping the previous tokens'),
    );
  }

  /** Loads the file now (errors propagate: a broken token file stops start-up) and starts polling. */
  start(pollMs = DEFAULT_POLL_MS): Promise<void> {
    return this.file.start(pollMs);
  }

  stop(): void {
    this.file.stop();
  }

  /** Re-reads the file if it changed; a broken file keeps the last good set and is logged. */
  refresh(): Promise<void> {
    return this.file.refresh();
  }

  identify(token: string): TokenIdentity | undefined {
    return findByToken(this.entries, token);
  }

  /** The identity of an Authorization header value accepted before under the current token set. */
  identifyHeader(header: string): TokenIdentity | undefined {
    return this.byHeader.get(header);
  }

  /**
   * identify(token), and on success remembers `header` (the request's Authorization value that
   * carried this token with an empty password) for identifyHeader. Lookup and insert are one
   * synchronous step, so a reload cannot land between them and leave a revoked token remembered.
   */
  identifyAndRemember(token: string, header: string): TokenIdentity | undefined {
    const identity = this.identify(token);
    if (identity) {
      if (this.byHeader.size >= MAX_REMEMBERED_HEADERS) this.byHeader = new Map();
      this.byHeader.set(header, identity);
    }
    return identity;
  }
}

function toEntry(r: TokenRecord): Entry {
  return { hash: Buffer.from(r.hash, 'hex'), identity: { name: r.name, role: r.role } };
}
