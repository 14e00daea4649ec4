/**
 * Reads one table file (CSV, YAML or JSON) into raw records, each with the line it starts on, and
 * a way to find the line of a field inside a record for precise messages.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq } from 'yaml';
import { parseYaml } from './parse-yaml.js';
import type { ProblemList } from './problems.js';

export interface RawRecord {
  readonly value: Record<string, unknown>;
  /** Set when the record comes from elsewhere than its table's file (a scenario). */
  readonly file?: string;
  readonly line: number | undefined;
  /** Line of a nested field (YAML), or the record's line. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export interface RawTable {
  readonly file: string;
  readonly records: RawRecord[];
}

export const TABLE_EXTENSIONS = ['.csv', '.yaml', '.yml', '.json'] as const;

/** The file among `names` holding table `name`, if any; more than one candidate is a problem. */
export function findTableFile(
  names: ReadonlySet<string>,
  name: string,
  problems: ProblemList,
): string | undefined {
  const found = TABLE_EXTENSIONS.map((ext) => `${name}${ext}`).filter((f) => names.has(f));
  if (found.length > 1) {
    problems.error(
      found[1]!,
      undefined,
      undefined,
      `table "${name}" is also in ${found[0]}; keep one file per table`,
    );
  }
  return found[0];
}

export function readTable(file: string, content: Uint8Array, problems: ProblemList): RawTable {
  const text = new TextDecoder().decode(content);
  if (file.endsWith('.csv')) return { file, records: readCsv(file, text, problems) };
  if (file.endsWith('.json')) return { file, records: readJson(file, text, problems) };
  return { file, records: readYamlList(file, text, problems) };
}

function readCsv(file: string, text: string, problems: ProblemList): RawRecord[] {
  try {
    const rows = parseCsv(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      info: true,
      skip_empty_lines: true,
      comment: '#',
      comment_no_infix: true,
      trim: true,
      bom: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return rows.map(({ record, info }) => {
      // An empty cell means "not given", so optional fields and defaults apply.
      const value = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
      return { value, line: info.lines, lineOf: () => info.lines };
    });
  } catch (e) {
    const err = e as { message: string; lines?: number };
    problems.error(file, err.lines, undefined, `not valid CSV: ${err.message}`);
    return [];
  }
}

function readJson(file: string, text: string, problems: ProblemList): RawRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    problems.error(file, undefined, undefined, `not valid JSON: ${(e as Error).message}`);
    return [];
  }
  if (!Array.isArray(data)) {
    problems.error(file, undefined, undefined, 'expected a JSON array of records');
    return [];
  }
  return data.map((value) => ({
    value: value as Record<string, unknown>,
    line: undefined,
    lineOf: () => undefined,
  }));
}

function readYamlList(file: string, text: string, problems: ProblemList): RawRecord[] {
  const parsed = parseYaml(text, file, problems);
  if (!parsed) return [];
  const { doc, lineAt } = parsed;
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    problems.error(file, lineAt(doc.contents.range?.[0]), undefined, 'expected a YAML list of records');
    return [];
  }
  const data = parsed.value as unknown[];
  return data.map((value, i) => {
    const node = doc.contents && isSeq(doc.contents) ? doc.contents.items[i] : undefined;
    const line = lineAt((node as { range?: [number] } | undefined)?.range?.[0]);
    return {
      value: (isMap(node) ? value : { __not_a_record: value }) as Record<string, unknown>,
      line,
      lineOf(path: readonly PropertyKey[]) {
        for (let n = path.length; n > 0; n--) {
          const inner = doc.getIn([i, ...path.slice(0, n)], true) as { range?: [number] } | undefined;
          if (inner?.range) return lineAt(inner.range[0]);
        }
        return line;
      },
    };
  });
}
