import { describe, expect, it } from 'vitest';
import { editedDataset, errorsOf, MINI_DATASET } from '../../test/fixtures/dataset-files.js';

const mini = (edits: Parameters<typeof editedDataset>[1]) => errorsOf(editedDataset(MINI_DATASET, edits));

const agreementsJson = `[
  {
    "id": "us-magnet-ev", "supplier": "us-magnet", "buyer": "Carmaker",
    "material": "magnet", "volume": 500, "unit": "t magnet",
    "start_year": 2027,
    "end_year": 2026,
    "firmness": "binding", "source_ids": ["test"], "confidence": "estimate"
  },
  {"id": "x", "supplier": "us-magnet", "buyer": "B", "material": "magnet", "start_year": "0x7E9",
   "firmness": "mou", "source_ids": ["test"], "confidence": "estimate"},
  {"id": "y", "supplier": "us-magnet", "buyer": "B", "material": "magnet", "start_year": 2030,
   "firmness": "mou", "source_ids": ["test"], "confidence": "estimate", "buyer_region": "XX"}
]
`;

describe('JSON tables', () => {
  it('name the line of each problem', () => {
    expect(mini({ 'agreements.csv': null, 'agreements.json': agreementsJson })).toEqual([
      'agreements.json:6: end_year: expected end_year ≥ start_year',
      'agreements.json:9: start_year: expected a year',
      'agreements.json:12: buyer_region: unknown region "XX"; expected an id from regions',
    ]);
  });

  it('report items that are not records (once a 500 in the server)', () => {
    expect(mini({ 'agreements.csv': null, 'agreements.json': '[1, null,\n "x", [2]]' })).toEqual([
      'agreements.json:1: item 1: expected a record (an object), got a number',
      'agreements.json:1: item 2: expected a record (an object), got null',
      'agreements.json:2: item 3: expected a record (an object), got text',
      'agreements.json:2: item 4: expected a record (an object), got a list',
    ]);
  });

  it('report a syntax error at its line, and no record of the table as unknown elsewhere', () => {
    const facilities = JSON.stringify([{ id: 'cn-mine' }], null, 2).replace('"cn-mine"', '"cn-mine",');
    expect(mini({ 'facilities.csv': null, 'facilities.json': facilities })).toEqual([
      'facilities.json:4: not valid JSON: expected a key in double quotes',
    ]);
    expect(mini({ 'facilities.csv': null, 'facilities.json': '{"id": "cn-mine"}' })).toEqual([
      'facilities.json:1: expected a JSON array of records',
    ]);
  });
});

describe('YAML tables', () => {
  it('report items that are not records, and a file that is not a list', () => {
    expect(
      mini({
        'agreements.csv': null,
        'agreements.yaml': '- 1\n- null\n-\n- [a, b]\n- "x"\n- !!binary aGk=\n',
      }),
    ).toEqual([
      'agreements.yaml:1: item 1: expected a record (a map of fields), got a number',
      'agreements.yaml:2: item 2: expected a record (a map of fields), got null',
      'agreements.yaml:3: item 3: expected a record (a map of fields), got null',
      'agreements.yaml:4: item 4: expected a record (a map of fields), got a list',
      'agreements.yaml:5: item 5: expected a record (a map of fields), got text',
      'agreements.yaml:6: item 6: expected a record (a map of fields), got binary or other data',
    ]);
    expect(mini({ 'processes.yaml': 'id: mine\n' })).toEqual([
      'processes.yaml:1: expected a YAML list of records',
    ]);
  });
});

describe('any table', () => {
  it('refuses invalid UTF-8 at the line of the first bad byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('id,name,blocs\nCN,China,\nUS,Unit'),
      Buffer.from([0xe9]),
      Buffer.from('d,allies\n'),
    ]);
    expect(mini({ 'regions.csv': bytes })).toEqual([
      'regions.csv:3: not valid UTF-8 (byte 32); save the file as UTF-8',
    ]);
  });

  it('keeps coordinates on the globe and numbers decimal', () => {
    expect(
      mini({
        'regions.csv': 'id,name,blocs,lat,lon\nCN,China,,999,121\nUS,United States,allies,39.8,-198.6\n',
        'facilities.csv': (t) => t.replace('40000,t REO', '0x10,t REO'),
      }),
    ).toEqual([
      'regions.csv:2: lat: expected a latitude from -90 to 90 degrees',
      'regions.csv:3: lon: expected a longitude from -180 to 180 degrees',
      'facilities.csv:5: capacity: expected a number',
    ]);
  });
});
