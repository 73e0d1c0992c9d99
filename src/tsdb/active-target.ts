// What the data plane needs from the control plane: where points go right now. Read on every batch,
// so switching source or state takes effect on the next batch.
import type { TsdbAdapter } from './adapter.ts';

export interface ActiveTarget {
  source: 'internal' | 'external';
  /** Persistence on (`PUT /stats/tsdb/state/enable`)? While false the data plane writes nothing. */
  enabled: boolean;
  /** The adapter itself, without the control plane's backstop deadline and error mapping (source-guard.ts). */
  adapter: TsdbAdapter;
  /** The active source's `name`: database (1.x) or bucket (2.x) that tag values go to. */
  database: string;
}

export interface ActiveTargetProvider {
  /**
   * Unguarded on purpose: a backstop deadline would report a write failed while the adapter still has it under
   * way, and the writer would then count and resend points it cannot account for. Adapters bound their own
   * upstream calls, and the writer keeps the points of an error nobody mapped (src/devicehub/writer.ts).
   */
  unguardedTarget(): ActiveTarget;
}
