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

export const number = z.preprocess(
  fromText((s) => (s === '' ? undefined : Number(s.replace(/_/g, '')))),
  z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' }),
);
export const nonNegative = z.preprocess(
  fromText((s) => Number(s.replace(/_/g, ''))),
  z.number({ error: 'expected a number' }).min(0, { error: 'expected a number ≥ 0' }),
);
export const fraction = z.preprocess(
  fromText(Number),
  z
    .number({ error: 'expected a number' })
    .min(0, { error: 'expected a share between 0 and 1' })
    .max(1, { error: 'expected a share between 0 and 1' }),
);
export const year = z.preprocess(
  fromText(Number),
  z
    .number({ error: 'expected a year' })
    .int({ error: 'expected a whole year' })
    .min(1900, { error: 'expected a year from 1900' })
    .max(2200, { error: 'expected a year up to 2200' }),
);
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
          return [k, Number(v)];
        }),
    ),
  ),
  z.partialRecord(element, fraction).transform((c) => c as Record<string, number>),
);

export const tag = z.enum(['free', 'cn'], { error: 'expected an origin tag: free or cn' });
export type Tag = z.infer<typeof tag>;
export const TAGS: readonly Tag[] = ['free', 'cn'];
