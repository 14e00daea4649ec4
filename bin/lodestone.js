#!/usr/bin/env node
// Runs the compiled CLI (npm ci builds it through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    'lodestone: the CLI is not built yet; run `npm run build` (npm ci does it for you).\n',
  );
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv);
