// What a demo device holds besides live tag values: the analytics measurements the document lists in
// `tsdata` (Anomaly, DTR, EnergyMonitoring, OEEData, SR, XMR, classification) and a little `le_stats`,
// as pure functions of the current time, one point a minute over the last hour.
import type { Point } from '../tsdb/adapter.ts';
import { deviceName } from '../devicehub/devices.ts';
import { noise } from '../devicehub/signals.ts';

export const DEMO_HOUR_POINTS = 60;

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

export function demoTsdataPoints(nowMs: number): Point[] {
  const start = Math.floor(nowMs / 60_000) * 60_000 - (DEMO_HOUR_POINTS - 1) * 60_000;
  const points: Point[] = [];
  for (let i = 0; i < DEMO_HOUR_POINTS; i++) {
    const t = start + i * 60_000;
    const r = (k: number) => noise(i, k);
    const asset = deviceName(i % 3);
    const score = round(r(1) * (i % 17 === 0 ? 1 : 0.4));
    points.push(
      { measurement: 'Anomaly', tags: { asset, model: 'isolation_forest' }, fields: { score, is_anomaly: score > 0.8 }, timestampMs: t },
      { measurement: 'DTR', tags: { asset }, fields: { downtime_s: Math.floor(r(2) * 20) * 3, reason_code: Math.floor(r(3) * 5) }, timestampMs: t },
      {
        measurement: 'EnergyMonitoring',
        tags: { meter: 'Main_Feeder_1', line: 'L1' },
        fields: { power_kw: round(180 + 40 * r(4)), energy_kwh: round(12_000 + i * 3.2, 1), power_factor: round(0.9 + 0.08 * r(5)) },
        timestampMs: t,
      },
    );
    const availability = round(0.85 + 0.14 * r(6));
    const performance = round(0.8 + 0.18 * r(7));
    const quality = round(0.95 + 0.049 * r(8));
    points.push(
      {
        measurement: 'OEEData',
        tags: { line: 'P1_L1' },
        fields: { availability, performance, quality, oee: round(availability * performance * quality) },
        timestampMs: t,
      },
      { measurement: 'SR', tags: { asset }, fields: { success_rate: round(0.9 + 0.1 * r(9)) }, timestampMs: t },
      { measurement: 'XMR', tags: { asset, tagName: 'Temperature' }, fields: { x: round(55 + 5 * r(10), 2), mr: round(2 * r(11), 2) }, timestampMs: t },
      {
        measurement: 'classification',
        tags: { asset, model: 'part_quality' },
        fields: { label: r(12) < 0.93 ? 'good' : 'defect', confidence: round(0.7 + 0.3 * r(13)) },
        timestampMs: t,
      },
    );
  }
  return points;
}

export function demoStatsPoints(nowMs: number): Point[] {
  const start = Math.floor(nowMs / 60_000) * 60_000 - (DEMO_HOUR_POINTS - 1) * 60_000;
  const points: Point[] = [];
  for (let i = 0; i < DEMO_HOUR_POINTS; i++) {
    const t = start + i * 60_000;
    points.push(
      { measurement: 'cpu', tags: { host: 'litmusedge' }, fields: { usage_percent: round(8 + 10 * noise(i, 20), 2) }, timestampMs: t },
      { measurement: 'memory', tags: { host: 'litmusedge' }, fields: { used_percent: round(20 + 3 * noise(i, 21), 2) }, timestampMs: t },
    );
  }
  return points;
}
