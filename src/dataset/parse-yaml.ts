/**
 * YAML as every loader reads it: with limits on size, flow nesting and aliases, so a hostile file
 * (a billion laughs, ten thousand nested brackets, a device posing as a file) costs a clear problem
 * and a few milliseconds, not the process. Problems carry the line they are on.
 */
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { ProblemList } from './problems.js';

/** Most bytes of YAML read from one file (datasets hold their own bigger limit per folder). */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
/** Deepest nesting of `[` and `{`: real files need a handful. */
export const MAX_FLOW_DEPTH = 64;
/** Most alias expansions (`*name`): enough for any sane reuse, far too few for an exponential bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  /** The plain value, aliases expanded. */
  readonly value: unknown;
  /** Line (1-based) of a character offset. */
  lineAt(offset: number | undefined): number | undefined;
}

/** Parses `text`; on any problem, records it against `file` and returns undefined. */
export function parseYaml(
  text: string,
  file: string,
  problems: ProblemList,
  maxBytes = MAX_YAML_BYTES,
): ParsedYaml | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    problems.error(file, undefined, undefined, `${bytes} bytes of YAML; at most ${maxBytes} are read`);
    return undefined;
  }
  const deep = flowTooDeep(text);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length;
    problems.error(file, line, undefined, `brackets nested deeper than ${MAX_FLOW_DEPTH} levels`);
    return undefined;
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
    // Hexadecimal and octal stay text, so `0x10` is refused as a number, as in CSV, not read as 16.
    customTags: (tags) =>
      tags.filter(
        (t) => typeof t !== 'object' || !('format' in t) || !['HEX', 'OCT'].includes(t.format ?? ''),
      ),
  });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : counter.linePos(offset).line;
  if (doc.errors.length > 0) {
    for (const err of doc.errors)
      problems.error(file, lineAt(err.pos[0]), undefined, `not valid YAML: ${err.message}`);
    return undefined;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = /alias count/i.test((e as Error).message)
      ? `aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions); write the values out`
      : `not valid YAML: ${(e as Error).message}`;
    problems.error(file, undefined, undefined, message);
    return undefined;
  }
  return { doc, value, lineAt };
}

/**
 * Offset of the first `[` or `{` nested deeper than the limit, outside quotes and comments; a quick
 * scan before the parser, whose cost grows fast with depth. It may overcount brackets inside plain
 * scalars, which only matters for text already absurdly nested.
 */
function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}
