// Placeholder until the pieces this case measures land.
import type { BenchOptions } from '../lib/options.ts';
import type { CaseResult } from '../lib/report.ts';

export async function footprintCase(_o: BenchOptions): Promise<CaseResult> {
  throw new Error('case footprint not built yet');
}
