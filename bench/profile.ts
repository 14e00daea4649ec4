/**
 * Where Lodestone's time goes outside the solver, two ways:
 *
 * - `phaseTimes`: a run made of the same pieces as simulate() (prepareModel, then the period step of
 *   src/simulate/step.ts), each phase timed through their `time` hook: once, the network, the
 *   formulation and the LP handed to HiGHS; per period the stock arrivals, periodInputs, each policy
 *   type's prepare, the bound and cost updates, the solve, the read-back, stocks and the checks.
 * - `cpuProfile`: V8's sampling profiler around a function (simulate itself), summed per source
 *   function: inclusive time (the function or anything it calls is running) and self time.
 */
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import type { Dataset } from '../src/dataset/types.js';
import type { Scenario } from '../src/schema/scenario.js';
import { prepareModel, type Timer } from '../src/simulate/prepare-model.js';
import { startRun, step } from '../src/simulate/step.js';
import { makePeriods } from '../src/time/periods.js';

/** Seconds per step: `once` for the run's setup, `perPeriod` summed over the periods. */
export interface PhaseTimes {
  readonly once: Record<string, number>;
  readonly perPeriod: Record<string, number>;
  readonly periods: number;
}

export async function phaseTimes(dataset: Dataset, scenario: Scenario): Promise<PhaseTimes> {
  const once: Record<string, number> = {};
  const perPeriod: Record<string, number> = {};
  // A policy's phases ("prepare: <id>") are summed per policy type.
  const typeOf = new Map(dataset.policies.map((p) => [p.id, p.type]));
  const name = (phase: string) => {
    const id = /^prepare: (.*)$/.exec(phase)?.[1];
    return id === undefined ? phase : `prepare: ${typeOf.get(id) ?? 'contract'}`;
  };
  const timer =
    (into: Record<string, number>): Timer =>
    (phase, work) => {
      const t = performance.now();
      const add = () => {
        into[name(phase)] = (into[name(phase)] ?? 0) + (performance.now() - t) / 1000;
      };
      const result = work();
      if (result instanceof Promise) return result.finally(add) as typeof result;
      add();
      return result;
    };
  const model = await prepareModel(dataset, scenario, timer(once));
  const periods = makePeriods(scenario.horizon.start, scenario.horizon.end, scenario.period);
  try {
    const started = timer(once)('startRun (run numbers, in-use stock history)', () =>
      startRun(model, dataset, scenario),
    );
    let carried = started.carried;
    const hooks = { time: timer(perPeriod) };
    for (const period of periods) carried = step(started.run, period, carried, hooks).carried;
  } finally {
    model.solver.dispose();
  }
  return { once, perPeriod, periods: periods.length };
}

export interface ProfiledFunction {
  readonly function: string;
  /** Milliseconds per call of the profiled function. */
  readonly inclusive_ms: number;
  readonly self_ms: number;
}

/**
 * Runs `f` `times` times under the sampling profiler; returns the functions of files whose URL
 * contains `/src/` (and the top self-time entries from anywhere: wasm, GC, Node), in ms per run.
 */
export async function cpuProfile(
  f: () => Promise<unknown>,
  times: number,
  intervalMicros = 100,
): Promise<{ project: ProfiledFunction[]; self: ProfiledFunction[] }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  await session.post('Profiler.start');
  for (let i = 0; i < times; i++) await f();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const node = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (id: number) => {
    const { functionName, url, lineNumber, columnNumber } = node.get(id)!.callFrame;
    // tsx compiles with source maps: name the line in the TypeScript source.
    const entry = url ? findSourceMap(url)?.findEntry(lineNumber, columnNumber) : undefined;
    const line = entry && 'originalLine' in entry ? (entry.originalLine as number) : lineNumber;
    const file = url.includes('/src/') ? url.slice(url.indexOf('/src/') + 1) : url.split('/').pop() || '';
    return `${functionName || '(anonymous)'}${file ? ` ${file}:${line + 1}` : ''}`;
  };
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((leaf, i) => {
    const dt = (deltas[i + 1] ?? 0) / 1000; // a sample's time runs until the next one
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const l = label(id);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
  });
  const row = (name: string): ProfiledFunction => ({
    function: name,
    inclusive_ms: (inclusive.get(name) ?? 0) / times,
    self_ms: (self.get(name) ?? 0) / times,
  });
  const project = [...inclusive.keys()]
    .filter((k) => k.includes(' src/'))
    .map(row)
    .sort((a, b) => b.inclusive_ms - a.inclusive_ms);
  const selfTop = [...self.keys()].map(row).sort((a, b) => b.self_ms - a.self_ms);
  return { project: project.slice(0, 30), self: selfTop.slice(0, 30) };
}
