/**
 * Writes JSON Schema files for editors (schema/*.schema.json) from the zod schemas, so YAML and JSON
 * dataset and scenario files autocomplete and validate. `npm run schema` regenerates them; a test
 * checks they are up to date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPOSURE_SCHEMA_FILE, exposureJsonSchema } from '../src/exposure/json-schema.js';
import { jsonSchemas } from '../src/schema/json-schema.js';

const dir = join(import.meta.dirname, '..', 'schema');
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries({
  ...jsonSchemas(),
  [EXPOSURE_SCHEMA_FILE]: exposureJsonSchema(),
})) {
  writeFileSync(join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${file}`);
}
