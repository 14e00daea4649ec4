/**
 * JSON as tables read it: the values JSON.parse would give, plus where each value starts, so that
 * problems in JSON tables name their line. Nesting is limited as in YAML (real tables need a few
 * levels), which keeps this small recursive parser safe from hostile input.
 */
import { MAX_FLOW_DEPTH } from './parse-yaml.js';

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  readonly value: unknown;
  /** Offset of the value at `path`, or of the deepest value on the way there. */
  offsetOf(path: readonly PropertyKey[]): number;
}

/** Parses `text`, or throws a JsonSyntaxError at the offset of the first mistake. */
export function parseJson(text: string): ParsedJson {
  /** Where each child of an array or object starts. */
  const starts = new WeakMap<object, Map<string, number>>();
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t'))
      i++;
  };
  const unexpected = () =>
    fail(i >= text.length ? 'unexpected end of the text' : `unexpected ${JSON.stringify(text[i])}`);

  const value = (depth: number): unknown => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_FLOW_DEPTH) fail(`brackets nested deeper than ${MAX_FLOW_DEPTH} levels`);
      return c === '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c === '"') return string();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    const n = number.exec(text);
    if (n) {
      i = number.lastIndex;
      return Number(n[0]);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return unexpected();
  };

  /** Reads `open item (, item)* close`, calling `item` with each item's index. */
  const items = (close: string, item: (index: number) => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (let n = 0; ; n++) {
      item(n);
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail(`expected "," or "${close}"`);
    }
  };

  const array = (depth: number): unknown[] => {
    const out: unknown[] = [];
    const at = new Map<string, number>();
    starts.set(out, at);
    items(']', (n) => {
      space();
      at.set(String(n), i);
      out.push(value(depth));
    });
    return out;
  };

  const object = (depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const at = new Map<string, number>();
    starts.set(out, at);
    items('}', () => {
      space();
      if (text[i] !== '"') fail('expected a key in double quotes');
      const key = string();
      space();
      if (text[i] !== ':') fail('expected ":"');
      i++;
      space();
      at.set(key, i);
      // As JSON.parse: a key "__proto__" is a field like any other, not the prototype.
      Object.defineProperty(out, key, {
        value: value(depth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return out;
  };

  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') {
      if (i >= text.length) fail('text in quotes is not closed', start);
      if (text.charCodeAt(i) < 0x20) fail('a line break or control character inside quotes');
      i += text[i] === '\\' ? 2 : 1;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('an invalid escape (\\) inside quotes', start);
    }
  };

  space();
  const rootStart = i;
  const root = value(0);
  space();
  if (i < text.length) unexpected();
  return {
    value: root,
    offsetOf(path) {
      let v: unknown = root;
      let offset = rootStart;
      for (const key of path) {
        const at = v !== null && typeof v === 'object' ? starts.get(v)?.get(String(key)) : undefined;
        if (at === undefined) break;
        offset = at;
        v = (v as Record<PropertyKey, unknown>)[key];
      }
      return offset;
    },
  };
}
