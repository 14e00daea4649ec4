import { type RefObject, useRef } from 'react';

/** Must match `.yaml-editor` line-height in styles.css. */
const LINE_HEIGHT = 20;

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Line numbers (from 1) to highlight. */
  marked: ReadonlySet<number>;
  textarea: RefObject<HTMLTextAreaElement | null>;
}

/**
 * A plain-text YAML editor: a textarea with line numbers, and the marked lines highlighted on a
 * layer behind the text. Lines do not wrap, so line N of the text is row N of the gutter.
 */
export function YamlEditor({ value, onChange, marked, textarea }: Props) {
  const lines = value.split('\n');
  const rows = (cls: string) =>
    lines.map((_, i) => (
      <div key={i} className={marked.has(i + 1) ? `${cls} marked` : cls}>
        {cls === 'number' ? i + 1 : '\u200b'}
      </div>
    ));
  const gutter = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const follow = (el: HTMLTextAreaElement) => {
    gutter.current!.scrollTop = el.scrollTop;
    backdrop.current!.scrollTop = el.scrollTop;
  };
  return (
    <div className="yaml-editor">
      <div className="gutter" ref={gutter} aria-hidden="true">
        {rows('number')}
      </div>
      <div className="code">
        <div className="backdrop" ref={backdrop} aria-hidden="true">
          {rows('line')}
        </div>
        <textarea
          ref={textarea}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => follow(e.currentTarget)}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-label="Scenario YAML"
          data-testid="yaml"
        />
      </div>
    </div>
  );
}

/** Puts the caret at the start of a line and scrolls it into view. */
export function goToLine(el: HTMLTextAreaElement, line: number) {
  const offset = el.value
    .split('\n')
    .slice(0, line - 1)
    .reduce((n, l) => n + l.length + 1, 0);
  el.focus();
  el.setSelectionRange(offset, offset);
  el.scrollTop = Math.max(0, (line - 4) * LINE_HEIGHT);
}
