// The bound on failed token requests per client (src/auth/oauth/failure-limiter.ts), on a fake clock.
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../src/auth/oauth/failure-limiter.ts';

describe('FailureLimiter', () => {
  it('blocks after max failures until the window that began with the first failure ends', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter({ max: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.blockedForMs('c')).toBe(0);
      limiter.failed('c');
      now += 1000;
    }
    expect(limiter.blockedForMs('c')).toBe(57_000);
    expect(limiter.blockedForMs('other')).toBe(0);
    now += 56_999;
    expect(limiter.blockedForMs('c')).toBe(1);
    now += 1;
    expect(limiter.blockedForMs('c')).toBe(0);
  });

  it('a success clears the count', () => {
    const limiter = new FailureLimiter({ max: 2, windowMs: 60_000, now: () => 0 });
    limiter.failed('c');
    limiter.succeeded('c');
    limiter.failed('c');
    expect(limiter.blockedForMs('c')).toBe(0);
  });
});
