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

/** Accumulates columns (each with its row entries) and rows, then packs them into a LinearProgram. */
export class LpBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
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

  /** Adds a column; entries on the same row are summed. */
  addCol(
    name: string,
    cost: number,
    entries: ReadonlyArray<readonly [row: number, value: number]>,
    lower = 0,
    upper = Number.POSITIVE_INFINITY,
  ): number {
    const merged = new Map<number, number>();
    for (const [row, value] of entries) merged.set(row, (merged.get(row) ?? 0) + value);
    for (const [row, value] of [...merged].sort((a, b) => a[0] - b[0])) {
      if (value === 0) continue;
      this.indices.push(row);
      this.values.push(value);
    }
    this.starts.push(this.indices.length);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.colNames.push(name);
    return this.cost.length - 1;
  }

  build(): LinearProgram {
    return {
      numCols: this.numCols,
      numRows: this.numRows,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      rowLower: Float64Array.from(this.rowLo),
      rowUpper: Float64Array.from(this.rowUp),
      starts: Int32Array.from(this.starts),
      indices: Int32Array.from(this.indices),
      values: Float64Array.from(this.values),
      colNames: uniqueLpNames(this.colNames),
      rowNames: uniqueLpNames(this.rowNames),
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
