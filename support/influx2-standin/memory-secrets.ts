// An in-memory SecretStore for the InfluxDB 2.x adapter tests (the real one seals values in a file).
import type { SecretStore } from '../../src/tsdb/adapter.ts';

export function memorySecrets(): SecretStore & { keys(): string[] } {
  const m = new Map<string, string>();
  return {
    get: (k) => m.get(k),
    set: async (k, v) => void m.set(k, v),
    delete: async (k) => void m.delete(k),
    keys: () => [...m.keys()],
  };
}
