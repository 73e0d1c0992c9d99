// Moves SQLite WAL checkpoints to a worker thread. Checkpoints on the main thread were the slow
// commits (30-90 ms every ~15 commits under load); the main connection keeps its own autocheckpoint
// as a safety net should the worker fall behind or die.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { CheckpointReply, CheckpointRequest } from './checkpoint-worker.ts';

export class Checkpointer {
  readonly #worker: Worker;
  readonly #pending = new Map<number, () => void>();
  #nextId = 0;
  #dead = false;

  constructor(logger: Logger | undefined, intervalMs = 200) {
    this.#worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), { workerData: { intervalMs } });
    // Never keeps the process alive on its own; close() ends it.
    this.#worker.unref();
    this.#worker.on('message', (reply: CheckpointReply) => {
      if (reply.type === 'unwatched') this.#settle(reply.id);
      else logger?.warn({ file: reply.file, err: reply.message }, 'embedded checkpoint failed');
    });
    this.#worker.on('error', (err) => logger?.warn({ err }, 'embedded checkpoint worker failed'));
    this.#worker.on('exit', () => {
      this.#dead = true;
      for (const id of [...this.#pending.keys()]) this.#settle(id);
    });
  }

  watch(file: string): void {
    this.#send({ type: 'watch', file });
  }

  /** Resolves once the worker has closed its connection to `file` (so the file can be removed). */
  unwatch(file: string): Promise<void> {
    if (this.#dead) return Promise.resolve();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#send({ type: 'unwatch', file, id });
    });
  }

  /** Asks the worker to close its connections and exit; terminates it if it does not within a second. */
  async close(): Promise<void> {
    if (this.#dead) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#send({ type: 'close' });
    const timer = setTimeout(() => void this.#worker.terminate(), 1000);
    await exited;
    clearTimeout(timer);
  }

  #send(request: CheckpointRequest): void {
    if (!this.#dead) this.#worker.postMessage(request);
  }

  #settle(id: number): void {
    this.#pending.get(id)?.();
    this.#pending.delete(id);
  }
}
