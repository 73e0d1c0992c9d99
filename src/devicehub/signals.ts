// Plausible industrial signals as pure functions of (tag, time): slow sinusoids with noise for analog
// values, a monotonic counter, a machine state that changes every few minutes. Pure, so tests can check
// ranges and the simulator needs no per-tag state.
import type { FieldValue } from '../tsdb/adapter.ts';
import type { SimTag } from './devices.ts';

/** Deterministic noise in [0, 1) from two integers (a small integer hash, not crypto). */
export function noise(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2d);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

const MODES = ['AUTO', 'AUTO', 'AUTO', 'MANUAL', 'SETUP'] as const;

/** The machine state (0 stopped, 1 running, 2 idle, 3 fault) for a five-minute slot: mostly running. */
export function machineState(seed: number, tMs: number): number {
  const r = noise(seed, Math.floor(tMs / 300_000));
  return r < 0.75 ? 1 : r < 0.88 ? 2 : r < 0.96 ? 0 : 3;
}

export function signalValue(tag: SimTag, tMs: number): FieldValue {
  const phase = noise(tag.seed, 0) * 2 * Math.PI;
  const jitter = noise(tag.seed, Math.floor(tMs / 100)) - 0.5;
  const wave = (periodMs: number) => Math.sin((2 * Math.PI * tMs) / periodMs + phase);
  const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  const running = machineState(tag.seed - (tag.seed % 8), tMs) === 1;
  switch (tag.kind) {
    case 'temperature':
      return round(55 + 12 * wave(600_000) + 0.8 * jitter + (running ? 4 : 0), 2);
    case 'pressure':
      return round(6 + 1.5 * wave(120_000) + 0.2 * jitter, 3);
    case 'speed':
      return running ? round(1450 + 60 * wave(90_000) + 10 * jitter, 1) : 0;
    case 'vibration':
      return round(Math.max(0, 2.2 + 0.9 * wave(45_000) + 0.6 * jitter), 3);
    case 'counter':
      // About one part every 6 s since the epoch, offset per tag: monotonic across restarts.
      return Math.floor(tMs / 6000) - 280_000_000 + Math.floor(noise(tag.seed, 1) * 10_000);
    case 'state':
      return machineState(tag.seed - (tag.seed % 8), tMs);
    case 'running':
      return running;
    case 'mode':
      return MODES[Math.floor(noise(tag.seed, Math.floor(tMs / 900_000)) * MODES.length)] as string;
  }
}
