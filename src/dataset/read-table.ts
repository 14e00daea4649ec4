/**
 * Reads one table file (CSV, YAML or JSON) into raw records, each with the line it starts on, and
 * a way to find the line of a field inside a record for precise messages.
 */
import { isSeq } from 'yaml';
import { decodeUtf8 } from './decode.js';
import { LineIndex } from './line-index.js';
import { JsonSyntaxError, parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';
import type { ProblemList } from './problems.js';
import { ANY_ID, placeholder, type RawRecord } from './raw-record.js';
import { readCsv } from './read-csv.js';

export type { RawRecord } from './raw-record.js';

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

/**
 * Reads a table file. Its problems are reported, never thrown; records that could not be read leave
 * placeholders (see raw-record.ts), and a file that could not be read at all leaves one declaring
 * any id, so that its problems are not repeated by every record naming one of its ids.
 */
export function readTable(file: string, content: Uint8Array, problems: ProblemList): RawTable {
  const text = decodeUtf8(file, content, problems);
  const records =
    text === undefined
      ? undefined
      : file.endsWith('.csv')
        ? readCsv(file, text, problems)
        : file.endsWith('.json')
          ? readJson(file, text, problems)
          : readYamlList(file, text, problems);
  return { file, records: records ?? [placeholder(ANY_ID, undefined)] };
}

function readJson(file: string, text: string, problems: ProblemList): RawRecord[] | undefined {
  const lines = new LineIndex(text);
  try {
    const { value, offsetOf } = parseJson(text);
    const lineOf = (path: readonly PropertyKey[]) => lines.lineAt(offsetOf(path));
    if (!Array.isArray(value)) {
      problems.error(file, lineOf([]), undefined, 'expected a JSON array of records');
      return undefined;
    }
    return records(file, value, lineOf, 'an object', problems);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    problems.error(file, lines.lineAt(e.offset), undefined, `not valid JSON: ${e.message}`);
    return undefined;
  }
}

function readYamlList(file: string, text: string, problems: ProblemList): RawRecord[] | undefined {
  const parsed = parseYaml(text, file, problems);
  if (!parsed) return undefined;
  const { doc, lineAt } = parsed;
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) {
    problems.error(file, lineAt(doc.contents.range?.[0]), undefined, 'expected a YAML list of records');
    return undefined;
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number] } | undefined;
      if (node?.range) return lineAt(node.range[0]);
    }
    return undefined;
  };
  return records(file, parsed.value as unknown[], lineOf, 'a map of fields', problems);
}

/** The items of a list as records; an item that is not one is reported and left as a placeholder. */
function records(
  file: string,
  items: readonly unknown[],
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
  record: string,
  problems: ProblemList,
): RawRecord[] {
  return items.map((value, i) => {
    const line = lineOf([i]);
    if (!isPlainObject(value)) {
      problems.error(
        file,
        line,
        undefined,
        `item ${i + 1}: expected a record (${record}), got ${kind(value)}`,
      );
      return placeholder(undefined, line);
    }
    return {
      value,
      line,
      lineOf: (path: readonly PropertyKey[]) => lineOf([i, ...path]) ?? line,
    };
  });
}

/** A map of fields, not a list, binary data (YAML's !!binary) or anything else. */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));

const kind = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'string'
        ? 'text'
        : typeof v === 'object'
          ? 'binary or other data'
          : `a ${typeof v}`;
