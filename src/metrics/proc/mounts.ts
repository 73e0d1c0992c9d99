// /proc/mounts: the real filesystems whose space we report, with df's choices. Pure function only.
import { byCodeUnit } from '../../compare.ts';
import { ProcParseError } from './parse-error.ts';

export interface Mount {
  source: string;
  mountPoint: string;
  fsType: string;
}

/**
 * Filesystems that are not storage. Kernel pseudo filesystems (node_exporter's default exclusions),
 * plus RAM-backed tmpfs/ramfs/devtmpfs: their space is memory, already in node_memory_used, and on
 * a container or systemd host they add a dozen series that never fill a disk. squashfs/erofs/iso9660
 * are read-only images, always 100% used. autofs is excluded because statfs on it triggers a mount.
 * overlay is kept: inside a container it is the root filesystem.
 */
export const EXCLUDED_FS_TYPES: ReadonlySet<string> = new Set([
  'autofs', 'binfmt_misc', 'bpf', 'cgroup', 'cgroup2', 'configfs', 'debugfs', 'devpts', 'devtmpfs',
  'efivarfs', 'erofs', 'fusectl', 'fuse.gvfsd-fuse', 'fuse.lxcfs', 'fuse.portal', 'hugetlbfs', 'iso9660',
  'mqueue', 'nsfs', 'proc', 'procfs', 'pstore', 'ramfs', 'rpc_pipefs', 'securityfs', 'selinuxfs',
  'squashfs', 'sysfs', 'tmpfs', 'tracefs', 'rootfs',
]);

/** Undoes the kernel's octal escapes in mount fields (space \040, tab \011, newline \012, backslash \134). */
export function decodeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseMounts(text: string): Mount[] {
  const all: Mount[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [source, mountPoint, fsType] = line.trim().split(/\s+/);
    if (source === undefined || mountPoint === undefined || fsType === undefined) {
      throw new ProcParseError(`/proc/mounts: short line ${JSON.stringify(line)}`);
    }
    all.push({ source: decodeMountField(source), mountPoint: decodeMountField(mountPoint), fsType });
  }
  return all;
}

/**
 * The mounts to report, sorted by mount point. A mount point mounted twice is reported once (the
 * later mount hides the earlier). A source mounted at several points (bind mounts, e.g. Docker's
 * /etc/hosts) is reported once at its shortest mount point, as df does since coreutils 8.21.
 */
export function realMounts(all: Mount[]): Mount[] {
  const byPoint = new Map<string, Mount>();
  for (const m of all) {
    // A later mount on the same point hides the earlier one, whatever its type.
    byPoint.delete(m.mountPoint);
    if (!EXCLUDED_FS_TYPES.has(m.fsType) && m.mountPoint.startsWith('/')) byPoint.set(m.mountPoint, m);
  }
  const bySource = new Map<string, Mount>();
  for (const m of byPoint.values()) {
    const seen = bySource.get(m.source);
    if (!seen || m.mountPoint.length < seen.mountPoint.length) bySource.set(m.source, m);
  }
  return [...bySource.values()].sort((a, b) => byCodeUnit(a.mountPoint, b.mountPoint));
}
