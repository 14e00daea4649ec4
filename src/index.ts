/**
 * Lodestone as a library: prepare a scenario and its dataset, simulate, analyse, run Monte Carlo.
 * @module
 */
export { type Analysis, analyse } from './analysis/analyse.js';
export { compareRuns } from './analysis/compare.js';
export { type UndersupplyRow, undersupply } from './analysis/undersupply.js';
export type { DatasetFiles } from './dataset/dataset-files.js';
export { type LoadResult, loadDataset, loadDatasetFiles } from './dataset/load-dataset.js';
export { formatProblem, InputError, type Problem } from './dataset/problems.js';
export type { Dataset, LoadedCandidate, LoadedFacility, LoadedMaterial } from './dataset/types.js';
export { type CarvedDataset, type CompanyNode, carveExposure } from './exposure/carve.js';
export {
  assessExposure,
  type ExposureResult,
  type ExposureRow,
  type RankingRow,
} from './exposure/exposure.js';
export {
  EXPOSURE_COLUMNS,
  EXPOSURE_TABLES,
  type ExposureTableRow,
  exposureFiles,
  exposureSummary,
} from './exposure/output.js';
export { ExposureFile } from './exposure/schema.js';
export { type Exposure, loadExposureText } from './exposure/validate.js';
export { JobCancelled, type JobControl, type JobEvent } from './jobs/job.js';
export { type JobResultOf, type JobSpec, runJob } from './jobs/pipeline.js';
export { SolveError } from './lp/highs-solver.js';
export { type Build, PlanInfeasible, type PlanRequest, type PlanResult, planBuilds } from './plan/plan.js';
export { planCsv, planScenario, planSummaryCsv, planYaml } from './plan/plan-output.js';
export { writeReport } from './report/index.js';
export { BalanceError, balanceViolations, CheckError } from './results/check-balance.js';
export { runTables } from './results/tables.js';
export type * from './results/types.js';
export { writeRun } from './results/write-run.js';
export { readTable } from './run-folder/read.js';
export { type RowOf, TABLES, type TableName } from './run-folder/tables.js';
export { loadScenario, readRunInputs, scenarioFromObject } from './scenario/disk.js';
export type { RunInputs, ScenarioText } from './scenario/inputs.js';
export type { LoadedScenario } from './scenario/load-scenario.js';
export { defaultDatasetDir, defaultScenarioFile } from './scenario/package-root.js';
export { type PreparedRun, prepareInputs, prepareRun } from './scenario/prepare-run.js';
export type { Scenario } from './schema/scenario.js';
export { buildServer, type ServerOptions } from './server/app.js';
export { type ServeOptions, startWorkbench } from './server/serve.js';
export { openStore, type Store } from './server/storage/connect.js';
export { prepareModel, type SimulateOptions, simulate } from './simulate/simulate.js';
export { type MonteCarloResult, runMonteCarlo } from './uncertainty/monte-carlo.js';
export { metalPerOxide } from './units/elements.js';
export { toCanonicalFactor } from './units/units.js';
