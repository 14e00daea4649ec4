import { z } from 'zod';
import { bool, id, list, MAX_YEARS, nonNegative, numberIn, text, year } from './common.js';
import { STATUSES } from './facility.js';
import { STAGES } from './process.js';

const record = z.record(z.string(), z.unknown());

/** A change to one dataset record, found by id; `set` holds fields as they are written in the files. */
const Override = z.object({ table: text, id, set: record }).strict();

/** Selects facilities by id, or by status, region and stage (all that are given); an empty selector selects none. */
const selector = {
  facilities: list(id).default([]),
  statuses: list(z.enum(STATUSES)).default([]),
  regions: list(id).default([]),
  stages: list(z.enum(STAGES)).default([]),
  exclude_regions: list(id).default([]),
};

/** Shifts the start (and capacity steps) of the facilities it selects. */
const Delay = z
  .object({
    ...selector,
    years: numberIn(-MAX_YEARS, MAX_YEARS, `expected from -${MAX_YEARS} to ${MAX_YEARS} years`).describe(
      'Years added to the start (negative = acceleration).',
    ),
  })
  .strict();
export type Delay = z.infer<typeof Delay>;

/** Takes the facilities it selects out of the run (they never produce). */
const Cancel = z.object(selector).strict();
export type Cancel = z.infer<typeof Cancel>;
export type FacilitySelector = Cancel;

/**
 * One scenario file. A file may `extends` another: its fields replace the parent's, and its
 * lists (policies, overrides, add, delays, remove_policies) come after the parent's.
 */
export const ScenarioFile = z
  .object({
    name: text,
    description: z.string().optional(),
    extends: text
      .optional()
      .describe(
        'Scenario this one builds on: a file relative to this one (on a server: a stored scenario id).',
      ),
    dataset: text
      .optional()
      .describe(
        'Dataset: a folder relative to this file (on a server: a stored dataset id); "default" for the embedded one.',
      ),
    horizon: z
      .object({ start: year, end: year })
      .strict()
      .refine((h) => h.end >= h.start, { error: 'expected end ≥ start', path: ['end'] })
      .optional(),
    period: z.enum(['year', 'quarter'], { error: 'expected year or quarter' }).optional(),
    taint: id
      .optional()
      .describe(
        'Taint set (the dataset’s taint_sets) whose regions make material count as touched (tag cn); default china. One per run: origin requirements must enforce this set.',
      ),
    solver: z
      .object({
        time_limit: nonNegative.optional().describe('Seconds per period.'),
        method: z.enum(['choose', 'simplex', 'ipm']).optional(),
      })
      .strict()
      .optional(),
    policies: z
      .array(record)
      .default([])
      .describe('Policy records added to the dataset’s (see policies.schema.json).'),
    remove_policies: list(id).default([]).describe('Ids of dataset policies to drop.'),
    overrides: z.array(Override).default([]),
    add: z
      .record(z.string(), z.array(record))
      .default({})
      .describe('Records added to dataset tables, by table name.'),
    delays: z.array(Delay).default([]),
    cancel: z
      .array(Cancel)
      .default([])
      .describe('Facilities taken out of the run (e.g. projects not yet committed).'),
    supply_paths: z
      .record(id, id)
      .optional()
      .describe(
        'Supply path to run per group of the dataset’s capacity steps, e.g. { china-mining: high }; groups not named run central.',
      ),
    substitutions: z
      .union([
        z.boolean({ error: 'expected false (no substitution), true, or { disable: [ids] }' }),
        z.object({ disable: list(id).default([]) }).strict(),
      ])
      .optional()
      .describe(
        'Substitutions (the dataset’s substitutions table) the run may use: false for none, { disable: [ids] } to switch some off; default all.',
      ),
    demand_response: z
      .union([
        z.boolean({ error: 'expected true, false or { elasticity_scale }' }),
        z
          .object({
            enabled: bool.optional(),
            elasticity_scale: numberIn(0.01, 100, 'expected an elasticity scale from 0.01 to 100')
              .optional()
              .describe('Multiplies every price elasticity of the demand curves (2: twice as elastic).'),
          })
          .strict(),
      ])
      .optional()
      .describe(
        'Demand curves (demand_curves table): false runs without them (shortages at the value of lost load); { elasticity_scale: 2 } doubles every elasticity.',
      ),
    uncertainty: z
      .array(record)
      .default([])
      .describe('Uncertain inputs added to the dataset’s (see uncertainty.schema.json), for `lodestone mc`.'),
  })
  .strict();
export type ScenarioFile = z.infer<typeof ScenarioFile>;

/** The taint set a scenario tracks unless it names one. */
export const DEFAULT_TAINT = 'china';

/** A scenario after `extends` is resolved: what a run needs. */
export interface Scenario {
  readonly name: string;
  readonly description?: string | undefined;
  readonly dataset: string;
  readonly horizon: { readonly start: number; readonly end: number };
  readonly period: 'year' | 'quarter';
  /** The taint set the run tracks (an id of the dataset's taint_sets). */
  readonly taint: string;
  readonly solver: {
    readonly time_limit?: number | undefined;
    readonly method: 'choose' | 'simplex' | 'ipm';
  };
  readonly delays: readonly Delay[];
  readonly cancel: readonly Cancel[];
  /** Path per supply-path group; a group not named runs `central`. */
  readonly supply_paths?: Readonly<Record<string, string>>;
  /** Demand curves on or off, and a scale of their elasticities; default on, scale 1. */
  readonly demand_response?: { readonly enabled: boolean; readonly elasticity_scale: number };
  /** The substitutions switched off: all of them, or those named (default none). */
  readonly substitutions?: SubstitutionChoice;
}

/** Which of the dataset's substitutions a run switches off. */
export interface SubstitutionChoice {
  readonly off: 'all' | readonly string[];
  /** Where the choice is written, for messages. */
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}
