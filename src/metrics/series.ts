// Mapping one /proc sample onto the vendor's families: a pure function from a Snapshot (and the NATS message
// count) to the series each family holds, as plain data. A family with no series (its source unreadable this
// time) is left out of the output, HELP and TYPE only.
import { byCodeUnit } from '../compare.ts';
import type { FamilyKey } from './names.ts';
import type { Snapshot } from './proc/sampler.ts';

export interface Series {
  /** {} for an unlabelled family. */
  labels: Record<string, string>;
  value: number;
}

/** Every family's series for one sample, in output order within each family. */
export type FamilySeries = Record<FamilyKey, Series[]>;

/**
 * Receives each sample's series and returns what is rendered: the seam where values are changed before a
 * scrape sees them (the emulator's metric overrides). It must not keep or mutate its argument's arrays.
 */
export type SeriesMapper = (series: FamilySeries) => FamilySeries;

const one = (value: number | undefined): Series[] => (value === undefined ? [] : [{ labels: {}, value }]);

export function seriesOf(s: Snapshot, natsInMsgs: number): FamilySeries {
  const network = [...(s.network ?? [])];
  // Mounts sorted by name, so the output does not depend on /proc/mounts order.
  const mounts = [...(s.storage ?? [])].sort(([a], [b]) => byCodeUnit(a, b));
  return {
    cpuIdle: one(s.cpu?.idle),
    cpuSystem: one(s.cpu?.system),
    cpuUser: one(s.cpu?.user),
    memoryUsed: one(s.memoryUsedPercent),
    natsInMsgs: one(natsInMsgs),
    networkReceive: network.map(([name, bytes]) => ({ labels: { name }, value: bytes.rx })),
    networkTransmit: network.map(([name, bytes]) => ({ labels: { name }, value: bytes.tx })),
    storageAvailable: mounts.map(([name, df]) => ({ labels: { name }, value: df.availableKb })),
    storageSize: mounts.map(([name, df]) => ({ labels: { name }, value: df.sizeKb })),
    storageUsed: mounts.map(([name, df]) => ({ labels: { name }, value: df.usedKb })),
  };
}
