import { describe, expect, it } from 'vitest';
import { LAYERS, layerOf, layerViolations, sourceFiles } from './layers.js';

describe('layers', () => {
  it('no source file imports from a layer above its own, and every one is in a layer', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(layerViolations(files).map((v) => `${v.file}: ${v.message}`)).toEqual([]);
  });

  it('refuses an import from a higher layer, type-only or re-exported too', () => {
    const text = [
      "import { z } from 'zod';",
      "import { runNumbers } from './formulate.js';",
      "import { buildNetwork } from '../model/network.js';",
      "import type { PeriodResult } from '../results/types.js';",
      "export { simulate } from '../simulate/simulate.js';",
    ].join('\n');
    expect(layerViolations([{ path: 'src/lp/extra.ts', text }])).toEqual([
      {
        file: 'src/lp/extra.ts',
        imports: '../results/types.js',
        message: '(lp) imports src/results/types.ts (results), a higher layer',
      },
      {
        file: 'src/lp/extra.ts',
        imports: '../simulate/simulate.js',
        message: '(lp) imports src/simulate/simulate.ts (simulate), a higher layer',
      },
    ]);
  });

  it('places a file by the longest path that holds it, and names files outside every layer', () => {
    const at = (file: string) => LAYERS[layerOf(file)!]!.name;
    expect(at('src/results/types.ts')).toBe('results');
    expect(at('src/results/write-run.ts')).toBe('run folder');
    expect(at('src/policies/tariff.ts')).toBe('records');
    expect(layerOf('src/new-folder/x.ts')).toBeUndefined();
    expect(layerViolations([{ path: 'src/cli/x.ts', text: "import '../../web/src/api.js';" }])).toEqual([
      {
        file: 'src/cli/x.ts',
        imports: '../../web/src/api.js',
        message: 'imports web/src/api.ts, which is in no layer',
      },
    ]);
  });
});
