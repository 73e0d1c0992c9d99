// A backstop deadline around every control-plane call to an adapter. Adapters bound their own
// upstream calls by UPSTREAM_TIMEOUT_MS; this makes sure no route can hang if one of them misses a path.
import { AppError, unavailable } from '../errors.ts';
import type { ConnectionTest, TsdbAdapter } from './adapter.ts';

// Headroom so the adapter's own, more specific timeout error normally wins the race.
const SLACK_MS = 1000;

function withDeadline<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(unavailable(`${label} did not answer within ${ms} ms`)),
      ms,
    );
  });
  // The loser of the race may still reject later; that must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * A storage failure no adapter mapped (the embedded engine's SQLite or filesystem: DATA_DIR removed, disk full
 * or read-only) is the source failing, the document's 503 with the cause, not an internal error. Anything else
 * unmapped stays a 500: that is a bug, and the error handler logs it.
 */
function asSourceFailure(err: unknown, label: string): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const storage = code === 'ERR_SQLITE_ERROR' || (typeof code === 'string' && 'syscall' in err);
  return storage ? unavailable(`${label} failed: ${err.message}`, { cause: err }) : err;
}

/** `label` names the source in errors, e.g. `external source (influx_v1.x at http://10.0.0.5:8086)`. */
export function guardAdapter(adapter: TsdbAdapter, timeoutMs: number, label: string): TsdbAdapter {
  const ms = timeoutMs + SLACK_MS;
  const guard = <T>(work: () => Promise<T>) =>
    withDeadline(
      Promise.resolve()
        .then(work)
        .catch((err: unknown) => {
          throw asSourceFailure(err, label);
        }),
      ms,
      label,
    );
  return {
    vendor: adapter.vendor,
    async testConnection(): Promise<ConnectionTest> {
      try {
        return await guard(() => adapter.testConnection());
      } catch (err) {
        // The contract says testConnection never throws; if one does, the test still answers 200.
        return { is_connected: false, response: err instanceof Error ? err.message : String(err) };
      }
    },
    listDatabases: () => guard(() => adapter.listDatabases()),
    createDatabase: (name) => guard(() => adapter.createDatabase(name)),
    dropDatabase: (name) => guard(() => adapter.dropDatabase(name)),
    dropMeasurement: (db, m) => guard(() => adapter.dropMeasurement(db, m)),
    listUsers: () => guard(() => adapter.listUsers()),
    createUser: (name, password, grants) => guard(() => adapter.createUser(name, password, grants)),
    grant: (user, db, p) => guard(() => adapter.grant(user, db, p)),
    revoke: (user, db, p) => guard(() => adapter.revoke(user, db, p)),
    setPassword: (user, password) => guard(() => adapter.setPassword(user, password)),
    dropUser: (user) => guard(() => adapter.dropUser(user)),
    writePoints: (db, points) => guard(() => adapter.writePoints(db, points)),
    close: () => adapter.close(),
  };
}
