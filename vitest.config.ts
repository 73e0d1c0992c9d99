// Tests start real servers (influxd, nats-server, prometheus) on free ports, so they get generous timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'support/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // expect.poll returns as soon as its condition holds; its 1 s default failed under load where a step
    // takes longer (creating a user hashes its password with scrypt), so it gets the same bound as a
    // Playwright locator.
    expect: { poll: { timeout: 10_000 } },
  },
});
