/**
 * Building blocks shared by the table schemas. Every schema accepts both native YAML/JSON values
 * and the strings a CSV cell holds (numbers, booleans, `;`-separated lists), so one schema serves
 * both file formats and the generated JSON Schema describes the native form.
 */
import { z } from 'zod';
import { ELEMENT_SYMBOLS } from '../units/elements.js';

const fromText =
  (parse: (s: string) => unknown) =>
  (v: unknown): unknown =>
    typeof v === 'string' ? parse(v.trim()) : v;

export const id = z
  .string({ error: 'expected an id' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'expected an id of letters, digits, "-", "_" or "."' })
  .describe('Identifier: letters, digits, "-", "_" or ".", unique within its table.');

export const text = z.string({ error: 'expected text' }).min(1, { error: 'expected non-empty text' });

/**
 * A number as people write one: `1200`, `-3.5`, `.5`, `1.2e3`, `12_000` (`_` between digits).
 * Number() also reads `0x10`, `0b11`, `0o7`, `Infinity` and whitespace (as 0); none of that is data.
 */
const DECIMAL = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;

/** Text → number; empty text is "not given" (as an empty CSV cell), other text stays text and fails. */
const decimal = fromText((s) => (s === '' ? undefined : DECIMAL.test(s) ? Number(s.replace(/_/g, '')) : s));

/** A finite number (YAML's `.inf` and a CSV `1e400` are not); `expected` is the message otherwise. */
const finite = (expected: string) =>
  z.number({
    error: (issue) =>
      typeof issue.input === 'number' ? `expected a finite number, not ${issue.input}` : expected,
  });

/** A decimal number from `min` to `max`; `expected` says so, with the unit. */
export const numberIn = (min: number, max: number, expected: string) =>
  z.preprocess(decimal, finite(expected).min(min, { error: expected }).max(max, { error: expected }));

export const number = z.preprocess(decimal, finite('expected a number'));
export const nonNegative = z.preprocess(
  decimal,
  finite('expected a number').min(0, { error: 'expected a number ≥ 0' }),
);
export const fraction = numberIn(0, 1, 'expected a share between 0 and 1');
export const year = z.preprocess(
  decimal,
  finite('expected a year')
    .int({ error: 'expected a whole year' })
    .min(1900, { error: 'expected a year from 1900' })
    .max(2200, { error: 'expected a year up to 2200' }),
);

/*
 * The largest quantities and costs the LP is given, in canonical units. HiGHS treats bounds from
 * 1e20 as infinite and solves to tolerances of 1e-9, so numbers far beyond the data's give wrong
 * answers without an error (a capacity of 1e200 did). The data stays far inside: its largest
 * quantity is about 6e5 t/year, its largest cost 2,000 USD/kg (a value of lost load).
 */
/** t or t/year: 2,500 times the world's rare-earth mine output (about 4e5 t REO a year). */
export const MAX_QUANTITY = 1e9;
/** USD/kg: 5,000 times the highest value of lost load in the data, 20,000 times an NdPr oxide price. */
export const MAX_COST = 1e7;
/** A span of years: more than any horizon (years run from 1900 to 2200). */
export const MAX_YEARS = 300;

/** An amount in the canonical unit of a material (t REO, t magnet…), or that per year. */
export const quantity = numberIn(0, MAX_QUANTITY, 'expected an amount from 0 to 1e9 t');
/** A price or cost in USD/kg. */
export const price = numberIn(0, MAX_COST, 'expected a price from 0 to 1e7 USD/kg');
/** A duration in years. */
export const years = numberIn(0, MAX_YEARS, `expected from 0 to ${MAX_YEARS} years`);
/** Degrees of latitude and longitude. */
export const latitude = numberIn(-90, 90, 'expected a latitude from -90 to 90 degrees');
export const longitude = numberIn(-180, 180, 'expected a longitude from -180 to 180 degrees');
export const bool = z.preprocess(
  fromText((s) => {
    const l = s.toLowerCase();
    if (['true', 'yes', '1'].includes(l)) return true;
    if (['false', 'no', '0'].includes(l)) return false;
    return s;
  }),
  z.boolean({ error: 'expected true or false' }),
);

/** A `;`-separated list in CSV, an array in YAML. */
export const list = <T extends z.ZodType>(item: T, error = 'expected a list') =>
  z.preprocess(
    fromText((s) =>
      s
        .split(';')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    ),
    z.array(item, { error }),
  );

export const confidence = z
  .enum(['high', 'medium', 'low', 'estimate'], {
    error: 'expected a confidence: high, medium, low or estimate',
  })
  .describe(
    'high: primary document; medium: reputable secondary or excerpt; low: unclear provenance; estimate: the compilers’ own arithmetic or assumption.',
  );

export const sourceIds = list(id, 'expected at least one source id')
  .pipe(z.array(id).min(1, { error: 'expected at least one source id' }))
  .describe('Ids from sources.csv backing this record (`;`-separated in CSV).');

/** The audit trail every data record carries. */
export const provenance = {
  source_ids: sourceIds,
  confidence,
  notes: z.string().optional(),
};

export const element = z.enum(ELEMENT_SYMBOLS as [string, ...string[]], {
  error: `expected an element symbol (${ELEMENT_SYMBOLS.join(', ')})`,
});

/** Element → fraction; `Nd:0.75; Pr:0.25` in CSV, a map in YAML. */
export const composition = z.preprocess(
  fromText((s) =>
    Object.fromEntries(
      s
        .split(';')
        .filter((p) => p.trim() !== '')
        .map((p) => {
          const [k, v] = p.split(':').map((x) => x.trim());
          return [k, v];
        }),
    ),
  ),
  z.partialRecord(element, fraction).transform((c) => c as Record<string, number>),
);

export const tag = z.enum(['free', 'cn'], { error: 'expected an origin tag: free or cn' });
export type Tag = z.infer<typeof tag>;
export const TAGS: readonly Tag[] = ['free', 'cn'];
