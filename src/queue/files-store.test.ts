import { describe, expect, it } from 'vitest';
import { decodeFiles, encodeFiles } from './files-store.js';

describe('a whole job’s files in Redis', () => {
  it('come back as they went: text as text, bytes as bytes', () => {
    const files = [
      { name: 'key_outputs.csv', content: 'metric,value\nå,1\n' },
      { name: 'run.xlsx', content: new Uint8Array([0, 255, 7, 128]) },
    ];
    const back = decodeFiles(encodeFiles(files));
    expect(back).toEqual(files);
    expect(back[1]!.content).toBeInstanceOf(Uint8Array);
  });
});
