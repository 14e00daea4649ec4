/**
 * What an attacker or a careless user sends: values that break parsers, numerics and paths, and the
 * fast-check arbitraries that place them in scenarios, dataset files and API requests.
 */
import fc from 'fast-check';

/** Values that have broken, or could break, a loader: numbers, paths, bytes, types. */
export const HOSTILE_VALUES: readonly unknown[] = [
  1e200,
  -1,
  0,
  -0,
  2 ** 53 + 1,
  1e-320,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '1e400',
  '-1e400',
  '0x10',
  '0b11',
  '0o17',
  '1_000',
  '1,5',
  ' ',
  '',
  'NaN',
  'Infinity',
  'null',
  'true',
  '2025-13',
  '0000-00',
  '9999',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '💥',
  '../../etc/passwd',
  '/dev/zero',
  '/dev/urandom',
  '/proc/self/status',
  '/etc',
  '%2e%2e%2f',
  'C:\\Windows',
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  '*undefined_alias',
  [],
  {},
  [[[[[]]]]],
  { nested: { deeper: { deepest: [1, 2, 3] } } },
  null,
  true,
];

export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

/** Text-level damage to a file: what an editor, a bad export or an attacker leaves behind. */
export type TextMutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'bytes'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'replace'; readonly text: string };

/** YAML and CSV fragments that have stopped parsers: aliases, bombs, deep nesting, stray quotes. */
export const HOSTILE_SNIPPETS: readonly string[] = [
  '"',
  "'",
  '\n  - ',
  ': :',
  '&a [1,2]\nb: *a\n',
  '*nope',
  '!!binary AAAA',
  '!!js/function "x"',
  '<<: *a',
  '%YAML 1.1\n---\n',
  '\t',
  '\r\n',
  '{',
  '[',
  `a: ${'['.repeat(300)}`,
  'a: &a ["x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d]\n',
  ',,,,,,,,,,,,,,,,,,,,,\n',
  '\u0000',
  '# comment\n',
  'id,name\n',
];

export const textMutation = (): fc.Arbitrary<TextMutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...HOSTILE_SNIPPETS), fc.string({ maxLength: 12 })),
    }),
    fc.record({
      kind: fc.constant('bytes' as const),
      at: fc.nat(),
      bytes: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant('replace' as const), text: fc.constantFrom(...HOSTILE_SNIPPETS) }),
  );

/** Applies a text mutation to a file's bytes (offsets wrap around the file's length). */
export function mutateBytes(content: Uint8Array, m: TextMutation): Uint8Array {
  const at = content.length === 0 ? 0 : 'at' in m ? m.at % (content.length + 1) : 0;
  const enc = new TextEncoder();
  switch (m.kind) {
    case 'truncate':
      return content.subarray(0, at);
    case 'insert':
      return concat(content.subarray(0, at), enc.encode(m.text), content.subarray(at));
    case 'bytes':
      return concat(content.subarray(0, at), Uint8Array.from(m.bytes), content.subarray(at));
    case 'replace':
      return enc.encode(m.text);
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Sets `value` at a dotted path inside a plain object (creating objects and arrays on the way). */
export function setPath(
  target: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
): void {
  let node: Record<string | number, unknown> = target;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
}
