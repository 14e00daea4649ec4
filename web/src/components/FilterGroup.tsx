import type { ReactNode } from 'react';

interface Props {
  label: string;
  options: readonly string[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
  /** A mark drawn before each option's name (a colour, a symbol). */
  mark?: (option: string) => ReactNode;
}

/** A row of checkboxes choosing some of `options`. */
export function FilterGroup({ label, options, chosen, onChange, mark }: Props) {
  const toggle = (option: string) => {
    const next = new Set(chosen);
    if (!next.delete(option)) next.add(option);
    onChange(next);
  };
  return (
    <fieldset className="filter">
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o}>
          <input type="checkbox" checked={chosen.has(o)} onChange={() => toggle(o)} />
          {mark?.(o)}
          {o}
        </label>
      ))}
    </fieldset>
  );
}
