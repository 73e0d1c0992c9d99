// The one rate-limited log (src/rate-limited-log.ts), as the data plane and the metrics sampler use it: one
// line per key per window with the count suppressed since, and one line on recovery.
import { describe, expect, it } from 'vitest';
import { RateLimitedLog } from '../src/rate-limited-log.ts';
import { recordingLogger } from '../support/proc-tree.ts';

describe('RateLimitedLog', () => {
  it('take lets one line per window through and reports how many were suppressed', () => {
    let now = 0;
    const l = new RateLimitedLog(recordingLogger(), 1000, () => now);
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBeUndefined();
    expect(l.take('a')).toBeUndefined();
    expect(l.take('b')).toBe(0);
    now = 1000;
    expect(l.take('a')).toBe(2);
  });

  it('logs a failing source once per window, counts the rest, and logs recovery once', () => {
    let now = 0;
    const logger = recordingLogger();
    const log = new RateLimitedLog(logger, 60_000, () => now);
    log.failure('stat', {}, 'unreadable');
    now = 30_000;
    log.failure('stat', {}, 'unreadable');
    log.failure('meminfo', {}, 'unreadable');
    now = 61_000;
    log.failure('stat', {}, 'unreadable');
    log.recovered('stat', 'back');
    log.recovered('stat', 'back');
    log.recovered('never-failed', 'back');
    expect(logger.lines.map((l) => [l.level, (l.obj as { source: string }).source, (l.obj as { suppressed?: number }).suppressed])).toEqual([
      ['warn', 'stat', 0],
      ['warn', 'meminfo', 0],
      ['warn', 'stat', 1],
      ['info', 'stat', undefined],
    ]);
  });

  it('keeps the caller’s fields and logs a recovered key’s next failure at once', () => {
    let now = 0;
    const logger = recordingLogger();
    const log = new RateLimitedLog(logger, 60_000, () => now);
    log.failure('retry', { buffered: 3 }, 'write failed');
    log.recovered('retry', 'writes resumed');
    now = 1;
    log.failure('retry', { buffered: 4 }, 'write failed');
    expect(logger.lines.map((l) => [l.level, l.obj, l.msg])).toEqual([
      ['warn', { buffered: 3, source: 'retry', suppressed: 0 }, 'write failed'],
      ['info', { source: 'retry' }, 'writes resumed'],
      ['warn', { buffered: 4, source: 'retry', suppressed: 0 }, 'write failed'],
    ]);
  });
});
