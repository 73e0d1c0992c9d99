// A Config for tests and benches: the defaults plus overrides, never read from process.env. Quiet and
// small by default (no log, no simulated devices, no InfluxDB listener, no retention purge).
import { loadConfig, type Config } from '../src/config.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', SIM_DEVICES: '0', INFLUX_PORT: 'off', EMBEDDED_RETENTION: 'inf' }), ...overrides };
}
