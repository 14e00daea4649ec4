/** A text's lines, numbered from 1, for reporting where in a file something is. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly all: string) {
    for (let i = all.indexOf('\n'); i >= 0; i = all.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get count(): number {
    return this.starts.length;
  }
  /** The line holding the character at `offset`. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** Line `n`, without its end of line. */
  text(n: number): string {
    if (n < 1 || n > this.starts.length) return '';
    return this.all.slice(this.starts[n - 1], (this.starts[n] ?? this.all.length + 1) - 1);
  }
  /** The text after line `n`. */
  after(n: number): string {
    return n < this.starts.length ? this.all.slice(this.starts[n]) : '';
  }
}
