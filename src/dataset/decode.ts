/** File bytes to text. */
import type { ProblemList } from './problems.js';

/**
 * The UTF-8 text of a file's bytes; invalid UTF-8 is a problem at the line of its first bad byte
 * (a decoder would otherwise replace it silently, and a value could change unseen).
 */
export function decodeUtf8(file: string, bytes: Uint8Array, problems: ProblemList): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    problems.error(file, line, undefined, `not valid UTF-8 (byte ${offset + 1}); save the file as UTF-8`);
    return undefined;
  }
}

/** Offset of the first byte that is not UTF-8: where a lenient decoder puts its first U+FFFD of its own. */
function firstInvalidByte(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0; // bytes before text[from]
  let from = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    offset += encoder.encode(text.slice(from, i)).length;
    from = i;
    // A U+FFFD written in the file (EF BF BD) is valid; any other stands for bad bytes.
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return offset;
  }
  return bytes.length;
}
