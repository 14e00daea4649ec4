/** How messages and run records name what the server stores: `scenarios/<id>`, `datasets/<id>/<file>`. */
import type { Problem } from '../dataset/problems.js';

export const scenarioLocation = (id: string): string => `scenarios/${id}`;
export const datasetLocation = (id: string): string => `datasets/${id}`;

/** Problems in a dataset's files name `datasets/<id>/<file>`; a stored scenario's keep `scenarios/<id>`. */
export function datasetProblems(problems: readonly Problem[], id: string): Problem[] {
  return problems.map((p) =>
    p.file.startsWith('scenarios/') ? p : { ...p, file: `${datasetLocation(id)}/${p.file}` },
  );
}
