/**
 * Every table file fed hostile content, as an upload could be: the loader must answer with
 * problems (an InputError) naming the file, and the line where there is one; never anything else.
 */
import { describe, expect, it } from 'vitest';
import { editedDataset, MINI_DATASET } from '../../test/fixtures/dataset-files.js';
import { TABLES } from '../schema/tables.js';
import { loadDatasetFiles } from './load-dataset.js';
import { InputError } from './problems.js';

const HOSTILE: Record<string, (string | Uint8Array)[]> = {
  csv: [
    'id,name\nx,"unclosed\ny,z\n',
    'id,capacity,lat,year,start\nx,1e400,0x10,NaN,Infinity\n',
    Uint8Array.from([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x0a]),
    '__proto__,constructor,toString\n1,2,3\n',
    '',
    '\uFEFF',
    'id\n',
    '"',
    'id,name\nx,y"z\n',
    'a,b\n1,2,3\n',
    ',,,\n,,,\n',
    '\0\0\0\n\0,\0\n',
    'id,id\nx,y\n',
    `id,${'x,'.repeat(500)}y\n${'1,'.repeat(501)}2\n`,
  ],
  json: [
    '[1,null,"x",[2]]',
    '{}',
    'null',
    '"text"',
    '[',
    '[{"id": 1e999}]',
    '[{"__proto__": {"polluted": true}, "id": "p"}]',
    '[{"id": {"toString": 1}, "name": ["a"], "source_ids": {"length": 5}}]',
    '[{"id": "a", "id": "b"}]',
    '["\\ud800"]',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    '[{}]\n[{}]',
    '[{"a": 1},]',
  ],
  yaml: [
    '- 1\n- null\n-\n- [a]\n',
    '- id: .inf\n  lat: .nan\n  capacity: 0x10\n',
    '- &a [*a]\n',
    '- &a { id: x, notes: *a, source_ids: *a }\n',
    '- !!binary aGk=\n',
    'a: b\n',
    '"just text"\n',
    '*x\n',
    `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [${'*a,'.repeat(9)}]\nc: &c [${'*b,'.repeat(9)}]\nd: [${'*c,'.repeat(9)}]\n`,
    '- { id: [a], name: { b: c } }\n',
    '- a\n---\n- b\n',
    '- ? [a]\n  : b\n',
    '- id: !!js/function "f"\n',
    '- <<: *nothing\n',
    '- !!set { a, b }\n',
    `- ${'['.repeat(1000)}\n`,
    '- id: x\n  id: y\n',
    '\t- bad indent\n',
  ],
};

/** Tables that get every hostile file; the others get the first few of each format, to stay fast. */
const EVERYTHING = new Set(['facilities', 'policies']);

describe('hostile table files', () => {
  for (const name of Object.keys(TABLES)) {
    it(`${name}: problems naming the file, never an exception`, () => {
      let cases = 0;
      for (const [ext, all] of Object.entries(HOSTILE)) {
        for (const content of EVERYTHING.has(name) ? all : all.slice(0, 3)) {
          const file = `${name}.${ext}`;
          const drop = Object.fromEntries(['csv', 'yaml', 'json'].map((e) => [`${name}.${e}`, null]));
          const input = editedDataset(MINI_DATASET, { ...drop, [file]: content });
          let error: unknown;
          try {
            loadDatasetFiles(input);
          } catch (e) {
            error = e;
          }
          const label = `${file}: ${String(content).slice(0, 60)}`;
          if (error === undefined) continue; // harmless content (an empty optional table)
          expect(error, label).toBeInstanceOf(InputError);
          const unplaced = (error as InputError).problems.filter(
            (p) =>
              p.file === file &&
              (/\n\s+at /.test(p.message) || // a stack trace
                (p.line === undefined && !/^(aliases expand|not valid YAML: .*alias)/.test(p.message))),
          );
          expect(unplaced, label).toEqual([]);
          cases++;
        }
      }
      expect(cases).toBeGreaterThan(EVERYTHING.has(name) ? 30 : 5);
    });
  }
});
