/**
 * Policies: typed records, in a dataset's policies.yaml or a scenario's `policies`, each acting on
 * the period model. Dates are months, "YYYY-MM" (a year alone means its January); periods that a
 * policy covers only in part are pro-rated month by month.
 */
import { z } from 'zod';
import {
  element,
  fraction,
  id,
  list,
  MAX_YEARS,
  numberIn,
  price,
  provenance,
  quantity,
  tag,
  year,
} from './common.js';

export const month = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const m = /^(\d{4})(?:-(\d{1,2}))?$/.exec(String(v).trim());
    const mm = m ? Number(m[2] ?? 1) : 0;
    if (!m || mm < 1 || mm > 12) {
      ctx.addIssue({ code: 'custom', message: 'expected a month as YYYY-MM (or a year)' });
      return z.NEVER;
    }
    if (Number(m[1]) < 1900 || Number(m[1]) > 2200) {
      ctx.addIssue({ code: 'custom', message: 'expected a month from 1900 to 2200' });
      return z.NEVER;
    }
    return Number(m[1]) + (mm - 1) / 12;
  })
  .describe('A month, "YYYY-MM"; a year alone means its January.');

const window = {
  start: month,
  end: month.optional().describe('First month no longer covered (exclusive); open-ended if omitted.'),
};
/** A policy's window does not end before it starts (ending as it starts, it is never in force). */
const endNotBeforeStart = (p: { start: number; end?: number | undefined }) =>
  p.end === undefined || p.end >= p.start;
const reversedWindow = {
  error:
    'expected an end no earlier than the start (the end is the first month no longer covered; a policy never in force ends as it starts)',
  path: ['end'],
};

const common = { id, name: z.string().optional(), ...provenance };

/** Regions a policy reaches: all, only those listed, or all but those listed. */
export const Destinations = z
  .object({ mode: z.enum(['all', 'only', 'except']), regions: list(id).default([]) })
  .strict();

export const ExportControl = z
  .object({
    type: z.literal('export_control'),
    ...common,
    exporter: id.describe('Controlling region.'),
    elements: list(element).default([]).describe('A material is controlled when it contains any of these.'),
    materials: list(id).default([]).describe('Materials controlled outright.'),
    forms: list(z.enum(['concentrate', 'oxide', 'metal', 'alloy', 'magnet', 'scrap']))
      .default(['oxide', 'metal', 'alloy', 'magnet'])
      .describe(
        'Forms in which a controlled element makes a material controlled (ores are not, by default).',
      ),
    destinations: Destinations.default({ mode: 'all', regions: [] }),
    licensed_share: fraction.describe('Share of the pre-control flow still licensed (0 = embargo).'),
    licensing_delay_months: numberIn(0, 12 * MAX_YEARS, `expected from 0 to ${12 * MAX_YEARS} months`)
      .default(0)
      .describe('Months after the start before any licence is granted.'),
    extraterritorial: z
      .object({
        de_minimis: fraction.default(0.001).describe('Share of China-origin content above which it applies.'),
      })
      .strict()
      .optional()
      .describe('China-touched material re-exported from a third country is controlled too.'),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);

export const Tariff = z
  .object({
    type: z.literal('tariff'),
    ...common,
    importer: id,
    exporters: list(id).default([]).describe('Origin regions taxed; empty = all.'),
    materials: list(id).default([]).describe('Materials taxed; empty = all.'),
    tag: z.enum(['free', 'cn', 'any']).default('any'),
    per_kg: price.default(0).describe('Specific duty, USD/kg.'),
    ad_valorem: fraction.default(0).describe('Duty as a share of `value`.'),
    value: price.optional().describe('Customs value, USD/kg, for ad valorem duties.'),
    ...window,
  })
  .strict()
  .refine((t) => t.ad_valorem === 0 || t.value !== undefined, {
    error: 'expected a value (USD/kg) with ad_valorem',
    path: ['value'],
  })
  .refine(endNotBeforeStart, reversedWindow);

export const PriceFloor = z
  .object({
    type: z.literal('price_floor'),
    ...common,
    producers: list(id).pipe(z.array(id).min(1, { error: 'expected at least one producer facility' })),
    material: id,
    floor: price.describe('USD/kg of the material.'),
    volume: quantity.optional().describe('Covered volume per year, canonical unit of the material.'),
    share: fraction.optional().describe("Covered share of the producers' capacity."),
    ...window,
  })
  .strict()
  .refine((f) => (f.volume === undefined) !== (f.share === undefined), {
    error: 'expected either volume or share',
    path: ['volume'],
  })
  .refine(endNotBeforeStart, reversedWindow);

export const OriginRequirement = z
  .object({
    type: z.literal('origin_requirement'),
    ...common,
    region: id,
    applications: list(id).default([]).describe('Empty = every application.'),
    materials: list(id).default([]).describe('Empty = every material.'),
    share: fraction.describe('Share of demand that must be served free of the set (or go short).'),
    set: id
      .default('china')
      .describe(
        'Taint set (taint_sets) the requirement enforces; it must be the set the run tracks (the scenario’s taint).',
      ),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);

export const Stockpile = z
  .object({
    type: z.literal('stockpile'),
    ...common,
    region: id,
    material: id,
    tag: tag.default('free'),
    initial: quantity.default(0),
    target: quantity,
    build_rate: quantity.describe('Tonnes per year bought towards the target.'),
    build_priority: price
      .default(50)
      .describe('USD/kg the buyer pays at most to keep to the build plan; above it, building waits.'),
    release_price: price.describe(
      'Stock is released when the hub price would rise above this (USD/kg): when short.',
    ),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);

export const CostShift = z
  .object({
    type: z.literal('cost_shift'),
    ...common,
    regions: list(id).default([]),
    stages: list(z.enum(['mining', 'separation', 'metal', 'magnet', 'recycling'])).default([]),
    facilities: list(id).default([]),
    path: z
      .array(z.object({ year, factor: numberIn(0, 1000, 'expected a cost factor from 0 to 1000') }).strict())
      .min(1)
      .refine((path) => new Set(path.map((p) => p.year)).size === path.length, {
        error: 'expected each year once',
      })
      .describe('Multipliers of unit cost by year, linear in between, flat outside.'),
  })
  .strict();

/** At least this share of end-of-life magnets is collected (a floor on the dataset's rates). */
export const CollectionTarget = z
  .object({
    type: z.literal('collection_target'),
    ...common,
    region: id,
    applications: list(id).default([]).describe('Empty = every application.'),
    rate: fraction,
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);

/** A region's recycling output (REO) must be at least `share` of its magnet output (REO). */
export const RecycledContent = z
  .object({
    type: z.literal('recycled_content'),
    ...common,
    region: id,
    share: fraction,
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);

export const POLICY_TYPES = [
  'export_control',
  'tariff',
  'price_floor',
  'origin_requirement',
  'stockpile',
  'cost_shift',
  'collection_target',
  'recycled_content',
] as const;

export const Policy = z.discriminatedUnion(
  'type',
  [
    ExportControl,
    Tariff,
    PriceFloor,
    OriginRequirement,
    Stockpile,
    CostShift,
    CollectionTarget,
    RecycledContent,
  ],
  { error: `expected a policy type: ${POLICY_TYPES.join(', ')}` },
);
export type Policy = z.infer<typeof Policy>;
export type ExportControl = z.infer<typeof ExportControl>;
export type Tariff = z.infer<typeof Tariff>;
export type PriceFloor = z.infer<typeof PriceFloor>;
export type OriginRequirement = z.infer<typeof OriginRequirement>;
export type Stockpile = z.infer<typeof Stockpile>;
export type CostShift = z.infer<typeof CostShift>;
export type CollectionTarget = z.infer<typeof CollectionTarget>;
export type RecycledContent = z.infer<typeof RecycledContent>;
