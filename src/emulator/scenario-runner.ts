// Runs one scenario at a time: each step at its offset, again from the top when looped. Before anything runs
// the whole scenario is checked against this emulator (families, labels, devices, tags), so a bad one is a
// 400 naming the step and the field and nothing changes.
import type { DataPlane } from '../devicehub/data-plane.ts';
import { AppError, badRequest } from '../errors.ts';
import type { ApiFaults } from './api-faults.ts';
import { checkDevicePatch } from './devices.ts';
import { MetricOverrides } from './overrides.ts';
import type { Clearable, Scenario, ScenarioStep } from './scenario-schema.ts';
import type { TsdbFaults } from './tsdb-faults.ts';

export interface ScenarioTargets {
  overrides: MetricOverrides;
  apiFaults: ApiFaults;
  tsdbFaults: TsdbFaults;
  dataPlane: DataPlane;
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface ScenarioStatus {
  running: boolean;
  name?: string | undefined;
  loop?: boolean | undefined;
  started_at?: string | undefined;
  iteration?: number | undefined;
  steps_applied?: number | undefined;
}

interface Run {
  scenario: Scenario;
  /** Device names resolved to IDs once, at check time. */
  deviceIds: string[];
  startedMs: number;
  iteration: number;
  applied: number;
  timers: NodeJS.Timeout[];
}

export class ScenarioRunner {
  readonly #t: ScenarioTargets;
  #run: Run | undefined;

  constructor(targets: ScenarioTargets) {
    this.#t = targets;
  }

  /** Checks every step against this emulator; returns the device ID of each device step (by step index). */
  check(s: Scenario, where = 'body'): string[] {
    const ids: string[] = [];
    const scratch = new MetricOverrides();
    s.steps.forEach((step, i) => {
      const here = `${where}.steps.${i}`;
      if (step.kind === 'metric') {
        try {
          scratch.set(step.family, step.body);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          throw badRequest(`${here}.metric.${err.message.replace(/^body\./, '')}`);
        }
      }
      if (step.kind === 'device') {
        const fleet = this.#t.dataPlane.simulator.fleet;
        const device = step.ref.id !== undefined ? fleet.find((d) => d.deviceID === step.ref.id) : fleet.find((d) => d.deviceName === step.ref.name);
        if (!device) throw badRequest(`${here}.device.${step.ref.id !== undefined ? 'id' : 'name'}: no such simulated device (GET /__emulator/devices)`);
        checkDevicePatch(this.#t.dataPlane, device.deviceID, step.patch, `${here}.device`);
        ids[i] = device.deviceID;
      }
    });
    return ids;
  }

  /** Stops a running scenario (reverting it), checks this one whole, and starts it. */
  start(scenario: Scenario, where = 'body'): ScenarioStatus {
    const deviceIds = this.check(scenario, where);
    this.stop();
    const run: Run = { scenario, deviceIds, startedMs: Date.now(), iteration: 0, applied: 0, timers: [] };
    this.#run = run;
    this.#schedule(run);
    this.#t.logger.info({ scenario: scenario.name, loop: scenario.loop, steps: scenario.steps.length }, 'scenario started');
    return this.status();
  }

  /** Halts the timeline; with `revert`, every override, fault, device state and the TSDB state go back to live. */
  stop(revert = true): boolean {
    const run = this.#run;
    if (!run) return false;
    for (const timer of run.timers) clearTimeout(timer);
    this.#run = undefined;
    if (revert) this.#clear(['metrics', 'faults', 'devices', 'tsdb']);
    return true;
  }

  status(): ScenarioStatus {
    const r = this.#run;
    if (!r) return { running: false };
    return {
      running: true,
      name: r.scenario.name,
      loop: r.scenario.loop,
      started_at: new Date(r.startedMs).toISOString(),
      iteration: r.iteration,
      steps_applied: r.applied,
    };
  }

  #schedule(run: Run): void {
    const { steps, duration_s, loop } = run.scenario;
    const byTime = new Map<number, number[]>();
    steps.forEach((s, i) => byTime.set(s.at_s, [...(byTime.get(s.at_s) ?? []), i]));
    run.timers = [...byTime].map(([atS, indexes]) =>
      setTimeout(() => {
        for (const i of indexes) this.#apply(run, steps[i] as ScenarioStep, i);
      }, atS * 1000),
    );
    if (loop) {
      run.timers.push(
        setTimeout(() => {
          if (this.#run !== run) return;
          run.iteration++;
          this.#schedule(run);
        }, duration_s * 1000),
      );
    }
  }

  #apply(run: Run, step: ScenarioStep, index: number): void {
    if (this.#run !== run) return;
    const t = this.#t;
    try {
      switch (step.kind) {
        case 'metric':
          t.overrides.set(step.family, step.body);
          break;
        case 'fault':
          t.apiFaults.add(step.fault);
          break;
        case 'device':
          t.dataPlane.simulator.states.apply(run.deviceIds[index] as string, step.patch, Date.now());
          break;
        case 'tsdb':
          t.tsdbFaults.set(step.tsdb).catch((err: unknown) => t.logger.warn({ err, step: index }, 'scenario TSDB step failed'));
          break;
        case 'clear':
          this.#clear(step.clear);
          break;
      }
      run.applied++;
    } catch (err) {
      // Checked before the start, so only a changed world (a device fleet cannot change) gets here.
      t.logger.warn({ err, scenario: run.scenario.name, step: index }, 'scenario step failed');
    }
  }

  #clear(what: readonly Clearable[]): void {
    const t = this.#t;
    if (what.includes('metrics')) t.overrides.clear();
    if (what.includes('faults')) t.apiFaults.clear();
    if (what.includes('devices')) t.dataPlane.simulator.states.clear();
    if (what.includes('tsdb')) t.tsdbFaults.set({ state: 'up' }).catch((err: unknown) => t.logger.warn({ err }, 'TSDB back up failed'));
  }
}
