/**
 * exposure.yaml: a manufacturer's own magnet purchases (product lines with grade, tonnes a year and
 * suppliers), its contracts, inventory and critical lines. The schema checks each field on its own;
 * what needs the dataset (known grades, suppliers that make the grade) is checked in validate.ts.
 */
import { z } from 'zod';
import { bool, fraction, id, MAX_QUANTITY, numberIn, text, year } from '../schema/common.js';

/** Shares of a line's suppliers must sum to 1 within this. */
export const SHARE_TOLERANCE = 1e-6;

const tonnes = numberIn(0, MAX_QUANTITY, 'expected tonnes from 0 to 1e9 (negative tonnes are not allowed)');

/** t magnet a year: one number for every year, or a map year → t (linear between the years, flat outside). */
export const Tonnes = z.union(
  [tonnes, z.record(z.string().regex(/^\d{4}$/, { error: 'expected a year' }), tonnes)],
  {
    error: 'expected tonnes a year: a number, or a map of year: tonnes',
  },
);
export type Tonnes = z.infer<typeof Tonnes>;

/** One supplier of a product line, by exactly one of facility, company or country, or the unnamed rest. */
export const Supplier = z
  .object({
    facility: id
      .optional()
      .describe('A facility id of the dataset (facilities.csv) making the line’s grade.'),
    company: text
      .optional()
      .describe(
        'A company (facilities.csv owner): its plants that make the line’s grade, in proportion to capacity.',
      ),
    country: id
      .optional()
      .describe(
        'A region id: bought from that country’s magnet makers, by trade (export controls and tariffs apply).',
      ),
    unnamed: z
      .literal(true, { error: 'expected true' })
      .optional()
      .describe(
        'The share bought on the home region’s market from whoever sells: it stays in the region’s demand.',
      ),
    share: fraction.describe('Share of the line’s tonnes (the shares of a line sum to 1).'),
  })
  .strict()
  .refine((s) => [s.facility, s.company, s.country, s.unnamed].filter((x) => x !== undefined).length === 1, {
    error: 'expected exactly one of facility, company, country or unnamed',
  });
export type Supplier = z.infer<typeof Supplier>;

/** Days of need, or tonnes, on hand. */
export const Inventory = z
  .object({
    days: numberIn(0, 3650, 'expected days from 0 to 3650').optional(),
    tonnes: tonnes.optional(),
  })
  .strict()
  .refine((i) => (i.days === undefined) !== (i.tonnes === undefined), {
    error: 'expected days or tonnes (one)',
  });
export type Inventory = z.infer<typeof Inventory>;

export const ProductLine = z
  .object({
    id,
    name: text.optional(),
    application: id.describe('The application (applications.csv) whose demand the line is part of.'),
    grade: id.describe('Magnet grade: a material of form magnet in the dataset.'),
    tonnes: Tonnes.describe('t magnet a year.'),
    suppliers: z.array(Supplier).min(1, { error: 'expected at least one supplier' }),
    critical: bool.default(false).describe('A line the company cannot do without: ranked first by harm.'),
    inventory: Inventory.optional().describe('On hand for this line (else the company’s inventory applies).'),
  })
  .strict();
export type ProductLine = z.infer<typeof ProductLine>;

/** A contract: an agreement of the dataset by id, or the terms themselves. */
export const Contract = z.union(
  [
    z.object({ agreement: id.describe('An agreement id of the dataset (agreements.csv).') }).strict(),
    z
      .object({
        id,
        line: id.describe('The product line it supplies.'),
        facility: id.describe('The supplying facility (one of the line’s suppliers).'),
        tonnes: tonnes.describe('t magnet a year contracted.'),
        start_year: year.optional(),
        end_year: year.optional(),
        firmness: z.enum(['binding', 'conditional', 'mou']).default('binding'),
      })
      .strict(),
  ],
  { error: 'expected { agreement: id } or the terms { id, line, facility, tonnes, … }' },
);
export type Contract = z.infer<typeof Contract>;

export const ExposureFile = z
  .object({
    company: text.describe('Who the exposure is of (kept in the outputs only).'),
    region: id.describe(
      'Home region: where the company uses its magnets; its demand is carved out of this region’s.',
    ),
    horizon: z
      .object({ start: year, end: year })
      .strict()
      .refine((h) => h.end >= h.start, { error: 'expected end ≥ start', path: ['end'] })
      .optional()
      .describe('Years reported; default the years the tonnes maps give.'),
    product_lines: z.array(ProductLine).min(1, { error: 'expected at least one product line' }),
    contracts: z.array(Contract).default([]),
    inventory: Inventory.optional().describe('On hand for every line without its own.'),
    notes: z.string().optional(),
  })
  .strict();
export type ExposureFile = z.infer<typeof ExposureFile>;

/** Tonnes in a year: a number, or linear between the years of the map and flat outside them. */
export function tonnesIn(t: Tonnes, y: number): number {
  if (typeof t === 'number') return t;
  const points = Object.entries(t)
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  if (points.length === 0) return 0;
  if (y <= points[0]![0]) return points[0]![1];
  for (let i = 1; i < points.length; i++) {
    const [y1, v1] = points[i]!;
    const [y0, v0] = points[i - 1]!;
    if (y <= y1) return v0 + ((v1 - v0) * (y - y0)) / (y1 - y0);
  }
  return points[points.length - 1]![1];
}

/** The years an exposure reports: its horizon, else the span of its tonnes maps. */
export function exposureYears(e: ExposureFile): { start: number; end: number } | undefined {
  if (e.horizon) return e.horizon;
  const ys = e.product_lines.flatMap((l) =>
    typeof l.tonnes === 'number' ? [] : Object.keys(l.tonnes).map(Number),
  );
  return ys.length === 0 ? undefined : { start: Math.min(...ys), end: Math.max(...ys) };
}
