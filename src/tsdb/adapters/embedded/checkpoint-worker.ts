// Worker thread body of the checkpointer: holds one connection per watched database file and runs
// passive WAL checkpoints on a timer, so their page copies and fsyncs happen off the event loop.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export type CheckpointRequest =
  | { type: 'watch'; file: string }
  | { type: 'unwatch'; file: string; id: number }
  | { type: 'close' };
export type CheckpointReply = { type: 'unwatched'; id: number } | { type: 'error'; file: string; message: string };

const port = parentPort;
if (!port) throw new Error('checkpoint-worker must run as a worker thread');
const intervalMs = (workerData as { intervalMs: number }).intervalMs;
const open = new Map<string, DatabaseSync>();

port.on('message', (request: CheckpointRequest) => {
  if (request.type === 'watch') {
    if (open.has(request.file)) return;
    try {
      const db = new DatabaseSync(request.file);
      // The writer on the main thread holds the write lock only briefly; never wait for it here.
      db.exec('PRAGMA busy_timeout = 0');
      open.set(request.file, db);
    } catch (err) {
      port.postMessage({ type: 'error', file: request.file, message: String(err) } satisfies CheckpointReply);
    }
  } else if (request.type === 'close') {
    clearInterval(timer);
    for (const db of open.values()) db.close();
    open.clear();
    port.close();
  } else {
    open.get(request.file)?.close();
    open.delete(request.file);
    port.postMessage({ type: 'unwatched', id: request.id } satisfies CheckpointReply);
  }
});

const timer = setInterval(() => {
  for (const [file, db] of open) {
    try {
      db.exec('PRAGMA wal_checkpoint(PASSIVE)');
    } catch (err) {
      // SQLITE_BUSY while the main thread commits is expected; the next tick retries.
      if (!/busy|locked/i.test(String(err))) {
        port.postMessage({ type: 'error', file, message: String(err) } satisfies CheckpointReply);
      }
    }
  }
}, intervalMs);
