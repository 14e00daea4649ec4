/**
 * Job kind `exposure`: a company's exposure file run under a list of scenarios (the first is the
 * baseline costs are compared with), optionally over Monte Carlo draws; its files are those of
 * src/exposure/output.ts. The CLI (`lodestone exposure`) runs it; the workbench can queue it.
 */
import { InputError, type Problem } from '../dataset/problems.js';
import { assessExposure, type ExposureResult } from '../exposure/exposure.js';
import { exposureFiles } from '../exposure/output.js';
import { loadExposureText } from '../exposure/validate.js';
import type { RunInputs } from '../scenario/inputs.js';
import { prepareInputs } from '../scenario/prepare-run.js';
import { MC_DEFAULTS } from './defaults.js';
import type { JobFiles, JobKind } from './job.js';
import { once } from './job.js';

export interface ExposureJobSpec {
  readonly kind: 'exposure';
  /** The first scenario (the baseline); `name` is how the outputs name it. */
  readonly inputs: RunInputs;
  readonly name: string;
  /** The other scenarios, in order. */
  readonly scenarios: readonly { readonly name: string; readonly inputs: RunInputs }[];
  /** exposure.yaml: how messages name it, and its text. */
  readonly exposure: { readonly file: string; readonly text: string };
  readonly draws?: number | undefined;
  readonly seed?: number | undefined;
}

export type ExposureJobResult = JobFiles & { readonly result: ExposureResult };

export const exposureKind: JobKind<ExposureJobSpec, ExposureJobResult> = {
  async run(spec, ctx) {
    const prepared = [
      { name: spec.name, run: ctx.prepared },
      ...spec.scenarios.map((s) => ({ name: s.name, run: prepareInputs(s.inputs) })),
    ];
    // The file is checked against every scenario's dataset (a scenario may change facilities or demand).
    const problems = new Map<string, Problem>();
    let exposure: NonNullable<ReturnType<typeof loadExposureText>['exposure']> | undefined;
    for (const p of prepared) {
      const loaded = loadExposureText(spec.exposure.text, spec.exposure.file, p.run.dataset);
      for (const q of loaded.problems) problems.set(`${q.line}|${q.field}|${q.message}`, q);
      exposure ??= loaded.exposure;
    }
    if (!exposure || [...problems.values()].some((p) => p.severity === 'error'))
      throw new InputError([...problems.values()]);
    const result = await assessExposure(
      exposure,
      prepared.map((p) => ({ name: p.name, dataset: p.run.dataset, scenario: p.run.loaded.scenario })),
      {
        draws: spec.draws,
        seed: spec.seed ?? MC_DEFAULTS.seed,
        onStep: (label, done, total) => {
          ctx.emit({ type: 'exposure', label, done, total });
          ctx.checkpoint();
        },
      },
    );
    return { files: once(() => exposureFiles(result)), partial: false, result };
  },
};
