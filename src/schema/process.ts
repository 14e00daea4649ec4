import { z } from 'zod';
import { id, nonNegative, provenance, text } from './common.js';

export const STAGES = ['mining', 'separation', 'metal', 'magnet', 'recycling'] as const;
export type Stage = (typeof STAGES)[number];

const flow = z
  .object({
    material: id,
    amount: nonNegative,
    unit: z.string().optional().describe("Defaults to the material's canonical unit."),
  })
  .strict();

/** `material:amount; material:amount` in CSV, a list of {material, amount, unit} in YAML. */
const flows = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(';')
          .filter((p) => p.trim() !== '')
          .map((p) => {
            const [material, amount] = p.split(':').map((x) => x.trim());
            return { material, amount };
          })
      : v,
  z.array(flow),
);

/** A recipe: inputs and outputs per unit of activity (one canonical unit of the reference material). */
export const Process = z
  .object({
    id,
    name: text,
    stage: z.enum(STAGES, { error: `expected a stage: ${STAGES.join(', ')}` }),
    reference: id.describe('Material whose flow measures activity and capacity (an input or an output).'),
    inputs: flows.default([]),
    outputs: flows.refine((o) => o.length > 0, { error: 'expected at least one output' }),
    unit_cost: nonNegative.optional().describe('Cost per unit of activity, unless a facility gives its own.'),
    cost_unit: z.string().default('USD/kg'),
    ...provenance,
  })
  .strict();
export type Process = z.infer<typeof Process>;
