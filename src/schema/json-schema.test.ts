import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schema.js';

describe('generated JSON Schema', () => {
  const schemas = jsonSchemas();
  it('is committed and up to date (run `npm run schema` after changing a zod schema)', () => {
    for (const [file, schema] of Object.entries(schemas)) {
      const committed = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', '..', 'schema', file), 'utf8'),
      );
      expect(committed, file).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });
  it('describes facilities with their required fields and enums', () => {
    const f = schemas['facilities.schema.json'] as {
      items: { required: string[]; properties: Record<string, { enum?: string[] }> };
    };
    expect(f.items.required).toEqual(
      expect.arrayContaining([
        'id',
        'region',
        'process',
        'status',
        'capacity',
        'capacity_unit',
        'source_ids',
        'confidence',
      ]),
    );
    expect(f.items.properties.status!.enum).toEqual([
      'operating',
      'construction',
      'committed',
      'feasibility',
      'announced',
      'planned',
      'idle',
      'closed',
    ]);
  });
});
