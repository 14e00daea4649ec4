/** Request and response shapes of the API: validation and the OpenAPI document come from these. */
import { z } from 'zod';
import { DATASET_FILE_NAME } from '../dataset/dataset-files.js';
import { MAX_PLAN_DRAWS, MC_DEFAULTS, PLAN_DEFAULTS } from '../jobs/defaults.js';
import { STAGES } from '../schema/process.js';

/** The id of a stored scenario or dataset. */
const storedId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
  error: 'expected 1–64 letters, digits, - or _, starting with a letter or digit',
});
/**
 * An id in a path or query: the characters of every id the store holds (scenarios, datasets, including
 * those registered from folders, runs). Anything else (NUL, which PostgreSQL refuses) is a 400 here.
 */
const anyId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, {
  error: 'expected an id: 1–100 letters, digits, - or _',
});
/** Text PostgreSQL can store: it refuses NUL (\u0000). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character refused.
const text = () => z.string().regex(/^[^\u0000]*$/, { error: 'must not contain NUL (\\u0000)' });

export const Problem = z
  .object({
    severity: z.enum(['error', 'warning']),
    file: z.string(),
    line: z.number().int().optional(),
    field: z.string().optional(),
    message: z.string(),
  })
  .meta({ id: 'Problem' });

export const ErrorBody = z
  .object({
    error: z.string().describe('Machine-readable code, e.g. not_found, invalid_scenario.'),
    message: z.string(),
    problems: z.array(Problem).optional(),
  })
  .meta({ id: 'Error' });

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export const IdParam = z.object({ id: anyId });
export const DatasetFacilityParam = z.object({ id: anyId, facility: text().min(1).max(100) });

const datasetFileName = z.string().regex(DATASET_FILE_NAME, {
  error: 'expected a file name ending .csv, .yaml, .yml, .json, .md or .txt, without folders',
});
export const UploadDataset = z
  .object({
    id: storedId,
    files: z
      .record(datasetFileName, text())
      .refine((f) => Object.keys(f).length > 0, { error: 'expected at least one file' })
      .describe('The dataset folder: file name → text (dataset.yaml and the table files, as on disk).'),
  })
  .strict();
export const DatasetFileParam = z.object({ id: anyId, name: datasetFileName });
export const DatasetFiles = z.array(z.object({ name: z.string(), bytes: z.number().int() }));

const yaml = text().min(1).max(200_000).describe('The scenario file, as YAML (see scenario.schema.json).');

export const CreateScenario = z.object({ id: storedId, yaml }).strict();
export const ReplaceScenario = z.object({ yaml }).strict();
export const ValidateScenario = z.object({ yaml, id: storedId.optional() }).strict();

export const ScenarioSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    extends: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ScenarioSummary' });
export const Scenario = ScenarioSummary.extend({ yaml: z.string() }).meta({ id: 'Scenario' });

export const Validation = z
  .object({ ok: z.boolean(), problems: z.array(Problem), warnings: z.array(Problem) })
  .meta({ id: 'Validation' });

/** The planner's options (kind "plan"), as `lodestone plan` takes them. */
export const PlanOptions = z
  .object({
    bloc: text()
      .min(1)
      .max(64)
      .optional()
      .describe(`The bloc whose demand the target covers (default ${PLAN_DEFAULTS.bloc}).`),
    target: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(`Share of the bloc's demand served free of the taint set (default ${PLAN_DEFAULTS.target}).`),
    by: z
      .number()
      .int()
      .optional()
      .describe(`First year the target holds, within the scenario's horizon (default ${PLAN_DEFAULTS.by}).`),
    target_scope: z
      .enum(['node', 'bloc'])
      .optional()
      .describe(
        `node: each demand node of the bloc at least the target share; bloc: its demand as a whole (default ${PLAN_DEFAULTS.scope}).`,
      ),
    integer: z
      .boolean()
      .optional()
      .describe("Build sizes in whole units of each candidate's min_size (a MILP; default false)."),
    discount_rate: z
      .number()
      .min(0)
      .lt(1)
      .optional()
      .describe(`Discount rate a year (default ${PLAN_DEFAULTS.discountRate}).`),
    time_limit: z.number().gt(0).max(86_400).optional().describe('Solver time limit per solve, seconds.'),
    stock_foresight: z
      .boolean()
      .optional()
      .describe('Let the plan make ahead and hold stock for later periods (default false).'),
    project_values: z
      .boolean()
      .optional()
      .describe(
        'Also value each announced project, two more solves each: project_value.csv (default false).',
      ),
    sweep: z
      .boolean()
      .optional()
      .describe(
        'Instead of one plan, each target 50–100% by each year 2028–2040: plan_sweep.csv (default false).',
      ),
    probability: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe(
        'Meet the target in at least this share of Monte Carlo draws: the plan is fitted on `draws` draws and checked on `check_draws` fresh ones (plan_draws.csv; not with sweep).',
      ),
    draws: z
      .number()
      .int()
      .min(1)
      .max(MAX_PLAN_DRAWS)
      .optional()
      .describe(`With a probability: draws the plan is fitted on (default ${PLAN_DEFAULTS.draws}).`),
    check_draws: z
      .number()
      .int()
      .min(0)
      .max(MAX_PLAN_DRAWS)
      .optional()
      .describe('With a probability: fresh draws the plan is checked on (default: as many as draws).'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe(`With a probability: the draws' seed (default ${MC_DEFAULTS.seed}).`),
    max_stacked: z
      .number()
      .int()
      .min(0)
      .max(32)
      .optional()
      .describe(
        `With a probability: the most draws stacked into the plan LP (default ${PLAN_DEFAULTS.maxStacked}).`,
      ),
    stages: z
      .array(z.enum(STAGES))
      .max(STAGES.length)
      .optional()
      .describe('Offer only the candidates of these stages (default: all).'),
    regions: z
      .array(text().min(1).max(64))
      .max(200)
      .optional()
      .describe("Offer only the candidates in these regions, the dataset's region ids (default: all)."),
  })
  .strict()
  .meta({ id: 'PlanOptions' });

export const StartRun = z
  .object({
    scenario: storedId,
    kind: z.enum(['run', 'mc', 'plan']).default('run'),
    draws: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe(`Monte Carlo draws (default ${MC_DEFAULTS.draws}).`),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe(`Monte Carlo seed (default ${MC_DEFAULTS.seed}).`),
    workers: z
      .number()
      .int()
      .min(0)
      .max(16)
      .optional()
      .describe("Monte Carlo worker threads (default: the server's cores)."),
    blocs: z
      .array(text().min(1).max(64))
      .max(20)
      .optional()
      .describe(
        "Monte Carlo: the blocs whose China-free chain each draw re-solves (default: all of the dataset's; [] for none, about three times faster).",
      ),
    plan: PlanOptions.optional().describe(
      'Kind "plan": the planner\'s options. Its results are plan.csv, plan_summary.csv, plan.yaml (and project_value.csv), or plan_sweep.csv; a target out of reach fails the run with the reason.',
    ),
  })
  .strict();

export const Run = z
  .object({
    id: z.string(),
    scenario: z.string(),
    scenario_name: z.string(),
    kind: z.enum(['run', 'mc', 'plan', 'exposure']),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    progress: z.object({ done: z.number(), total: z.number(), label: z.string() }),
    error: z.string().nullable(),
    has_results: z
      .boolean()
      .describe('Whether results were kept (done, or a Monte Carlo cancelled part way).'),
    options: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'Run' });

// Company exposure files (private to the token that stores them) and their runs.
const exposureYaml = text()
  .min(1)
  .max(200_000)
  .describe('The exposure file, as YAML (see exposure.schema.json and examples/exposure/).');
export const ExposureText = z.object({ yaml: exposureYaml }).strict();
export const ExposureSummary = z
  .object({
    id: z.string(),
    company: z.string().describe('The file’s `company`.'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ExposureSummary' });
export const Exposure = ExposureSummary.extend({ yaml: z.string() }).meta({ id: 'Exposure' });
export const StartExposureRun = z
  .object({
    scenarios: z
      .array(storedId)
      .min(1)
      .max(8)
      .optional()
      .describe(
        'Stored scenario ids, the first the one costs are compared with (the baseline is put first if missing; default baseline, china-controls-2025-10, heavy-re-embargo).',
      ),
    draws: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Monte Carlo draws per scenario, for shortfall probabilities and expected shortfalls.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe(`Monte Carlo seed (default ${MC_DEFAULTS.seed}).`),
  })
  .strict();

export const RunsQuery = z.object({ scenario: anyId.optional() });
export const ReportQuery = z.object({ period: text().max(20).optional() });
export const TableParam = z.object({ id: anyId, name: text().min(1).max(100) });
export const TableQuery = z
  .object({
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(1_000_000).optional(),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .catchall(z.string())
  .describe('Any other parameter filters rows: column=value.');
export const TraceQuery = z
  .object({
    region: z.string().optional(),
    application: z.string().optional(),
    period: z.string().optional(),
  })
  .strict();
export const MetricsQuery = z
  .object({ period: z.string().optional(), group: z.string().optional(), item: z.string().optional() })
  .strict();
export const CompareQuery = z.object({
  runs: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(anyId).min(2, { error: 'expected at least two run ids, comma-separated' }).max(8))
    .describe('Run ids, comma-separated (2–8).'),
});
export const FacilityQuery = z
  .object({ stage: z.string().optional(), status: z.string().optional(), region: z.string().optional() })
  .strict();

export const Comparison = z
  .object({
    runs: z.array(z.object({ id: z.string(), scenario: z.string(), scenario_name: z.string() })),
    rows: z.array(
      z.object({
        period: z.string(),
        group: z.string(),
        item: z.string(),
        unit: z.string(),
        values: z.array(z.number().nullable()),
      }),
    ),
  })
  .meta({ id: 'Comparison' });

export const Health = z.object({
  ok: z.boolean(),
  version: z.string(),
  storage: z.enum(['sqlite', 'postgres']),
  auth: z.boolean().describe('Whether write routes need a bearer token.'),
});

/** Loose shapes for records whose fields come from the dataset schemas (schema/*.schema.json). */
export const Records = z.array(z.record(z.string(), z.unknown()));
export const AnyObject = z.record(z.string(), z.unknown());

export { errors };
