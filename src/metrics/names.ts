// The ten metric families of the vendor's /stats/metrics table, names, types and labels verbatim
// (litmusedge-datahub-api.md, "Metric reference"). The vendor ships empty HELP; ours says what the
// value is and where it comes from. Order is the vendor's (alphabetical), which is the output order.

export interface FamilySpec {
  readonly name: string;
  readonly type: 'gauge' | 'counter';
  readonly labelNames: readonly string[];
  readonly help: string;
}

export const FAMILIES = {
  cpuIdle: {
    name: 'node_cpu_idle',
    type: 'gauge',
    labelNames: [],
    help: 'Percent of CPU time idle (including iowait) over the last sample interval, from /proc/stat.',
  },
  cpuSystem: {
    name: 'node_cpu_system',
    type: 'gauge',
    labelNames: [],
    help: 'Percent of CPU time in kernel mode (system, irq, softirq, steal) over the last sample interval.',
  },
  cpuUser: {
    name: 'node_cpu_user',
    type: 'gauge',
    labelNames: [],
    help: 'Percent of CPU time in user mode (user and nice; guest time included) over the last sample interval.',
  },
  memoryUsed: {
    name: 'node_memory_used',
    type: 'gauge',
    labelNames: [],
    help: 'Percent of RAM in use: (MemTotal - MemAvailable) / MemTotal from /proc/meminfo.',
  },
  natsInMsgs: {
    name: 'node_nats_in_msgs',
    type: 'gauge',
    labelNames: [],
    help: 'Cumulative NATS messages received by the device since service start.',
  },
  networkReceive: {
    name: 'node_network_receive',
    type: 'counter',
    labelNames: ['name'],
    help: 'Bytes received on the interface since service start, from /proc/net/dev.',
  },
  networkTransmit: {
    name: 'node_network_transmit',
    type: 'counter',
    labelNames: ['name'],
    help: 'Bytes transmitted on the interface since service start, from /proc/net/dev.',
  },
  storageAvailable: {
    name: 'node_storage_available',
    type: 'gauge',
    labelNames: ['name'],
    help: 'KB available to unprivileged users on the mount point (df "Available").',
  },
  storageSize: {
    name: 'node_storage_size',
    type: 'gauge',
    labelNames: ['name'],
    help: 'Total KB on the mount point (df "1K-blocks").',
  },
  storageUsed: {
    name: 'node_storage_used',
    type: 'gauge',
    labelNames: ['name'],
    help: 'Used KB on the mount point: size minus free (df "Used").',
  },
} as const satisfies Record<string, FamilySpec>;

export type FamilyKey = keyof typeof FAMILIES;

/** The vendor's content type for the scrape, verbatim (Prometheus text format 0.0.4 is UTF-8). */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4';
