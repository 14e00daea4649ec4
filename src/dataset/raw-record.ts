/** A table's records as read from its file, before validation. */

export interface RawRecord {
  readonly value: Record<string, unknown>;
  /** Set when the record comes from elsewhere than its table's file (a scenario). */
  readonly file?: string;
  readonly line: number | undefined;
  /** Line of a nested field (YAML, JSON), or the record's line. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Marks a placeholder: a record that could not be read, whose problem is already reported. It is
 * not validated; it only declares its id, when that could be made out, so that records naming the
 * id are not reported too. A symbol, so that no file can forge one.
 */
export const UNREADABLE = Symbol('unreadable');

/** The id a placeholder declares for a file that could not be read at all: any (as in transport rows). */
export const ANY_ID = '*';

export const placeholder = (id: string | undefined, line: number | undefined): RawRecord => ({
  value: { [UNREADABLE]: true, ...(id === undefined ? {} : { id }) } as Record<string, unknown>,
  line,
  lineOf: () => line,
});

export const isPlaceholder = (r: RawRecord): boolean => UNREADABLE in r.value;
