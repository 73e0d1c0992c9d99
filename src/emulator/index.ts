// The test author's control surface under /__emulator/: admin tokens only, and absent altogether (404, as
// on a real device) with EMULATOR_API=off. Each resource is its own module; this wires them in one scope.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config.ts';
import type { DataPlane } from '../devicehub/data-plane.ts';
import { seedDemo } from '../demo/seed.ts';
import { AppError, forbidden } from '../errors.ts';
import type { SourceManager } from '../tsdb/source-manager.ts';
import { installApiFaultHook } from './api-fault-hook.ts';
import { ApiFaults } from './api-faults.ts';
import { deviceRoutes } from './devices.ts';
import { faultRoutes } from './fault-routes.ts';
import { metricRoutes } from './metric-routes.ts';
import { MetricOverrides } from './overrides.ts';
import { ScenarioRunner } from './scenario-runner.ts';
import { scenarioRoutes } from './scenario-routes.ts';
import { parseScenario } from './scenario-schema.ts';
import { Snapshots } from './snapshots.ts';
import { emulatorStatePart } from './state-part.ts';
import { stateRoutes } from './state-routes.ts';
import { TsdbFaults } from './tsdb-faults.ts';

export interface EmulatorDeps {
  config: Pick<Config, 'dataDir' | 'demo' | 'scenario'>;
  dataPlane: DataPlane;
  sources: SourceManager;
}

/** The emulator's state that must exist before the route modules: the API fault hook sees every route. */
export interface EmulatorEarly {
  apiFaults: ApiFaults;
  /** The metrics sampler's SeriesMapper (createMetrics' mapSeries). */
  overrides: MetricOverrides;
}

/** Call right after the auth hook, before any route module; undefined when EMULATOR_API=off. */
export function setupEmulatorHooks(app: FastifyInstance, enabled: boolean): EmulatorEarly | undefined {
  if (!enabled) return undefined;
  const apiFaults = new ApiFaults();
  installApiFaultHook(app, apiFaults);
  return { apiFaults, overrides: new MetricOverrides() };
}

/** Runs after the app-wide auth hook (registered earlier, so it runs first): only admins get through. */
function adminOnly(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (request.identity?.role !== 'admin') {
    done(forbidden('the /__emulator/ API needs an admin token'));
    return;
  }
  done();
}

export async function registerEmulator(app: FastifyInstance, early: EmulatorEarly | undefined, deps: EmulatorDeps): Promise<void> {
  if (!early) return;
  const tsdbFaults = new TsdbFaults(deps.sources);
  // Before the adapters close (onClose of the source manager runs in registration order, after preClose).
  app.addHook('preClose', () => tsdbFaults.close());
  const { config, dataPlane, sources } = deps;
  const runner = new ScenarioRunner({ overrides: early.overrides, apiFaults: early.apiFaults, tsdbFaults, dataPlane, logger: app.log });
  app.addHook('preClose', async () => void runner.stop(false));
  if (config.scenario) {
    // SCENARIO=path: checked whole now (a bad file stops start-up), started once the app is ready.
    let scenario;
    try {
      scenario = await loadScenarioFile(config.scenario);
      runner.check(scenario, 'SCENARIO');
    } catch (err) {
      // Start-up stops here: release what buildApp already started (sampler, token poll, adapters).
      await app.close();
      throw err instanceof AppError ? new Error(`SCENARIO=${config.scenario}: ${err.message}`) : err;
    }
    app.addHook('onReady', async () => void runner.start(scenario, 'SCENARIO'));
  }
  const part = emulatorStatePart({
    dataPlane,
    apiFaults: early.apiFaults,
    tsdbFaults,
    overrides: early.overrides,
    onReset: [() => runner.stop(false), () => early.overrides.reset()],
  });
  const reseed = config.demo
    ? async () =>
        void (await seedDemo({ dataDir: config.dataDir, adapter: sources.guardedAdapter(), database: sources.unguardedTarget().database, logger: app.log }))
    : undefined;
  const snapshots = new Snapshots({ dataDir: config.dataDir, sources, part, reseed });
  await app.register(async (scope) => {
    scope.addHook('onRequest', adminOnly);
    await scope.register(deviceRoutes, deps);
    await scope.register(faultRoutes, { apiFaults: early.apiFaults, tsdbFaults });
    await scope.register(stateRoutes, { snapshots });
    await scope.register(metricRoutes, { overrides: early.overrides });
    await scope.register(scenarioRoutes, { runner });
  });
}

async function loadScenarioFile(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`SCENARIO=${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  try {
    return parseScenario(raw, 'SCENARIO');
  } catch (err) {
    throw new Error(`SCENARIO=${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
