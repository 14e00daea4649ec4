/**
 * Writes docs/validation.md: the model against sourced actuals and beside published outlooks
 * (scripts/validation-checks.ts). `npm run validation`; test/calibration.test.ts checks it is current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validationRuns } from './validation-checks.js';
import { validationPage } from './validation-page.js';

const docs = join(import.meta.dirname, '..', 'docs');
mkdirSync(docs, { recursive: true });
writeFileSync(join(docs, 'validation.md'), validationPage(await validationRuns()));
console.log('wrote docs/validation.md');
