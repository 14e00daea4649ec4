/**
 * What a run-folder table is: typed columns (text, number, integer, boolean, or one of a few words)
 * and the rule its unit column follows. The row types come from the column list, so the writer, the
 * readers and the web app share one definition. Pure: the web app imports these types.
 */

/** A column as written in a spec: its kind, or the words a text column may hold. */
export type Column = 'text' | 'number' | 'integer' | 'boolean' | { readonly oneOf: readonly string[] };

export interface TableSpec {
  /** The columns in file order: name → kind. */
  readonly columns: Readonly<Record<string, Column>>;
  /**
   * What the unit column holds (or, for a table without one, the units of its numbers). When the
   * unit is the same on every row, this is it, and the writer puts it in the unit column as is.
   */
  readonly unit: string;
  /** Folders written by older versions: columns since renamed ({ old: new }), columns added since (read as the value given). */
  readonly older?: {
    readonly renamed?: Readonly<Record<string, string>>;
    readonly added?: Readonly<Record<string, string | number>>;
  };
}

/** The value a column holds in a row. */
export type CellOf<C extends Column> = C extends { readonly oneOf: readonly (infer W)[] }
  ? W
  : C extends 'number' | 'integer'
    ? number
    : C extends 'boolean'
      ? boolean
      : string;

/** A row of a table: one field per column. */
export type RowOf<S extends TableSpec> = { readonly [K in keyof S['columns']]: CellOf<S['columns'][K]> };

/** A text column holding one of these words (checked when read). */
export const oneOf = <const W extends readonly string[]>(...words: W) => ({ oneOf: words });
