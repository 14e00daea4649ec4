import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPOSURE_SCHEMA_FILE, exposureJsonSchema } from './json-schema.js';

describe('exposure JSON Schema', () => {
  it('is committed and up to date (run `npm run schema` after changing src/exposure/schema.ts)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'schema', EXPOSURE_SCHEMA_FILE), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(exposureJsonSchema())));
  });
  it('requires the company, its region and its product lines', () => {
    const s = exposureJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect(s.required).toEqual(expect.arrayContaining(['company', 'region', 'product_lines']));
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['contracts', 'inventory', 'horizon']));
  });
});
