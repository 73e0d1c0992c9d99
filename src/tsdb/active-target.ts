// What the data plane needs from the control plane: where points go right now. Read on every batch,
// so switching source or state takes effect on the next batch.
import type { TsdbAdapter } from './adapter.ts';

export interface ActiveTarget {
  source: 'internal' | 'external';
  /** Persistence on (`PUT /stats/tsdb/state/enable`)? While false the data plane writes nothing. */
  enabled: boolean;
  adapter: TsdbAdapter;
  /** The active source's `name`: database (1.x) or bucket (2.x) that tag values go to. */
  database: string;
}

export interface ActiveTargetProvider {
  activeTarget(): ActiveTarget;
}
