/** JSON Schema of exposure.yaml, generated from its zod schema (`npm run schema` writes schema/exposure.schema.json). */
import { z } from 'zod';
import { ExposureFile } from './schema.js';

export const EXPOSURE_SCHEMA_FILE = 'exposure.schema.json';

export function exposureJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(ExposureFile, {
      io: 'input',
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as object),
    title: 'Lodestone exposure',
    description:
      'A company’s own magnet purchases (product lines, suppliers with shares, contracts, inventory), run by `lodestone exposure`.',
  };
}
