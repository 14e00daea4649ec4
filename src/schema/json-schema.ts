/** JSON Schema, generated from the zod schemas (one source for types, runtime checks and editors). */
import { z } from 'zod';
import { ScenarioFile } from './scenario.js';
import { TABLES } from './tables.js';

/** File name → JSON Schema: one per table (a list of records) and one for scenario files. */
export function jsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const toJson = (schema: z.ZodType, title: string, description: string) => ({
    ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as object),
    title,
    description,
  });
  for (const spec of Object.values(TABLES)) {
    const json = toJson(z.array(spec.schema), `Lodestone ${spec.name} table`, spec.description);
    // source_ids is optional on the input side of its CSV preprocessing, but every record needs it.
    const items = (json as { items?: { properties?: object; required?: string[] } }).items;
    if (items?.properties && 'source_ids' in items.properties)
      items.required = [...(items.required ?? []), 'source_ids'];
    out[`${spec.name}.schema.json`] = json;
  }
  out['scenario.schema.json'] = toJson(
    ScenarioFile,
    'Lodestone scenario',
    'A scenario: dataset, horizon, period length.',
  );
  return out;
}
