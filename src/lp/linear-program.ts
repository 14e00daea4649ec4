/**
 * A linear program in the shape HiGHS takes: minimise c·x subject to rowLower ≤ A·x ≤ rowUpper and
 * colLower ≤ x ≤ colUpper, with A stored column by column (CSC). Built directly as typed arrays,
 * never as LP text.
 */
export interface LinearProgram {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSC: column j holds entries starts[j] … starts[j+1]-1, with row `indices[k]` and `values[k]`. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly colNames: readonly string[];
  readonly rowNames: readonly string[];
}

/**
 * Accumulates rows, columns and coefficients (in any order: a policy may add a row over existing
 * columns), then packs them into a LinearProgram with duplicate entries summed.
 */
export class LpBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly entryCol: number[] = [];
  private readonly entryRow: number[] = [];
  private readonly entryValue: number[] = [];
  private readonly colNames: string[] = [];
  private readonly rowNames: string[] = [];
  private readonly rowLo: number[] = [];
  private readonly rowUp: number[] = [];

  get numCols(): number {
    return this.cost.length;
  }
  get numRows(): number {
    return this.rowNames.length;
  }

  addRow(name: string, lower = Number.NEGATIVE_INFINITY, upper = Number.POSITIVE_INFINITY): number {
    this.rowNames.push(name);
    this.rowLo.push(lower);
    this.rowUp.push(upper);
    return this.rowNames.length - 1;
  }

  addCol(
    name: string,
    cost: number,
    entries: ReadonlyArray<readonly [row: number, value: number]>,
    lower = 0,
    upper = Number.POSITIVE_INFINITY,
  ): number {
    const col = this.cost.length;
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.colNames.push(name);
    for (const [row, value] of entries) this.addEntry(row, col, value);
    return col;
  }

  addEntry(row: number, col: number, value: number): void {
    this.entryRow.push(row);
    this.entryCol.push(col);
    this.entryValue.push(value);
  }

  /**
   * Entry indices sorted by column, then row, stably (duplicates keep the order they were added in):
   * bucketed by column, then each column's few entries sorted by insertion.
   */
  private entryOrder(): Int32Array {
    const cols = this.entryCol;
    const rows = this.entryRow;
    const next = new Int32Array(this.numCols + 1);
    for (const c of cols) next[c + 1]!++;
    for (let j = 0; j < this.numCols; j++) next[j + 1]! += next[j]!;
    const start = next.slice();
    const order = new Int32Array(cols.length);
    for (let k = 0; k < cols.length; k++) order[next[cols[k]!]!++] = k;
    for (let j = 0; j < this.numCols; j++) {
      for (let a = start[j]! + 1; a < start[j + 1]!; a++) {
        const k = order[a]!;
        let b = a;
        for (; b > start[j]! && rows[order[b - 1]!]! > rows[k]!; b--) order[b] = order[b - 1]!;
        order[b] = k;
      }
    }
    return order;
  }

  build(): LinearProgram {
    const n = this.numCols;
    // Order entries by column, then row; sum duplicates; drop zeros.
    const order = this.entryOrder();
    const starts = new Int32Array(n + 1);
    const indices: number[] = [];
    const values: number[] = [];
    let col = 0;
    for (const k of order) {
      const c = this.entryCol[k]!;
      const r = this.entryRow[k]!;
      while (col < c) starts[++col] = indices.length;
      const last = indices.length - 1;
      if (last >= starts[col]! && indices[last] === r) values[last]! += this.entryValue[k]!;
      else {
        indices.push(r);
        values.push(this.entryValue[k]!);
      }
    }
    while (col < n) starts[++col] = indices.length;
    // Remove entries that summed to zero, keeping starts consistent.
    const keepIdx: number[] = [];
    const keepVal: number[] = [];
    const packed = new Int32Array(n + 1);
    for (let j = 0; j < n; j++) {
      for (let k = starts[j]!; k < starts[j + 1]!; k++) {
        if (values[k] !== 0) {
          keepIdx.push(indices[k]!);
          keepVal.push(values[k]!);
        }
      }
      packed[j + 1] = keepIdx.length;
    }
    const colNames = this.colNames.slice();
    const rowNames = this.rowNames.slice();
    let names: { cols: string[]; rows: string[] } | undefined;
    // Names are only for LP files and error messages: made valid and unique when first read.
    const lpNames = () => {
      names ??= { cols: uniqueLpNames(colNames), rows: uniqueLpNames(rowNames) };
      return names;
    };
    return {
      numCols: n,
      numRows: this.numRows,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      rowLower: Float64Array.from(this.rowLo),
      rowUpper: Float64Array.from(this.rowUp),
      starts: packed,
      indices: Int32Array.from(keepIdx),
      values: Float64Array.from(keepVal),
      get colNames() {
        return lpNames().cols;
      },
      get rowNames() {
        return lpNames().rows;
      },
    };
  }
}

/**
 * Names valid in CPLEX LP and MPS files: no spaces or characters those formats reserve, not
 * starting with a digit or period, unique.
 */
export function uniqueLpNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    let name = raw.replace(/[^A-Za-z0-9_.()#,|@!$%&;?{}~]/g, '_');
    if (/^[0-9.eE]/.test(name)) name = `_${name}`;
    let unique = name;
    for (let k = 2; seen.has(unique); k++) unique = `${name}#${k}`;
    seen.add(unique);
    return unique;
  });
}
