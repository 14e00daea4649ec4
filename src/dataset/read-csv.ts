/**
 * Reads a CSV table, recovering from malformed rows: each is reported at the line it starts on and
 * skipped, and reading goes on at the next line, so one stray quote costs one problem, not the rest
 * of the file. A skipped row leaves a placeholder declaring its id (when the line shows it), so that
 * rows elsewhere naming that id are not reported as well.
 */
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { LineIndex } from './line-index.js';
import type { ProblemList } from './problems.js';
import { ANY_ID, placeholder, type RawRecord } from './raw-record.js';

/** Malformed rows reported before the rest of a file is given up on. */
export const MAX_CSV_ERRORS = 20;

/** The file's records, or undefined when not even its header could be read. */
export function readCsv(file: string, text: string, problems: ProblemList): RawRecord[] | undefined {
  const lines = new LineIndex(text);
  const records: RawRecord[] = [];
  let header: string[] | undefined;
  let from = 0; // lines before the part being read
  for (let errors = 0; ; errors++) {
    // The last line read: of the header, then of each record in turn.
    let last = from;
    try {
      parseCsv(lines.after(from), {
        columns:
          header ??
          ((names: string[]) => {
            last = nextContent(lines, 0);
            header = names.map((h) => h.trim());
            return header;
          }),
        on_record: (record: Record<string, string>, { lines: end }: { lines: number }) => {
          const line = nextContent(lines, last);
          last = from + end;
          // An empty cell means "not given", so optional fields and defaults apply.
          const value = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
          records.push({ value, line, lineOf: () => line });
          return record;
        },
        skip_empty_lines: true,
        comment: '#',
        comment_no_infix: true,
        trim: true,
        bom: true,
      });
      return records;
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      const bad = nextContent(lines, last);
      if (header === undefined || bad > lines.count) {
        const line = typeof e.lines === 'number' ? from + e.lines : undefined;
        problems.error(file, line, undefined, `not valid CSV: ${describe(e)}`);
        return header === undefined ? undefined : [...records, placeholder(ANY_ID, undefined)];
      }
      problems.error(file, bad, undefined, `not valid CSV: ${describe(e)}; row skipped`);
      records.push(placeholder(idIn(lines.text(bad), header), bad));
      if (errors + 1 === MAX_CSV_ERRORS) {
        problems.error(file, bad, undefined, `${MAX_CSV_ERRORS} malformed rows; the rest is not read`);
        return [...records, placeholder(ANY_ID, undefined)];
      }
      from = bad;
    }
  }
}

function describe(e: CsvError): string {
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quoted field does not close where it should (a quote inside quotes is written twice: "")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside a field (quote the whole field and write the quote twice: "a ""b"" c")';
    default:
      return e.message.replace(/ (at|on) line \d+/, '');
  }
}

/** The id in a row's line, if the cells up to it are plain (no quotes). */
function idIn(line: string, header: readonly string[]): string | undefined {
  const i = header.indexOf('id');
  const cells = line.split(',');
  if (i < 0 || i >= cells.length || cells.slice(0, i + 1).some((c) => c.includes('"'))) return undefined;
  return cells[i]!.trim() || undefined;
}

/** The first line after line `n` that holds data (not empty, not a comment). */
function nextContent(lines: LineIndex, n: number): number {
  let k = n + 1;
  while (k <= lines.count && /^\s*(#|$)/.test(lines.text(k))) k++;
  return k;
}
