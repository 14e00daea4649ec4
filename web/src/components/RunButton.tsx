import { useState } from 'react';
import { api } from '../api';
import { navigate } from '../router';
import { errorText } from './ErrorNote';

interface Props {
  scenario: string;
  label: string;
  disabled?: boolean;
  /** Monte Carlo draws and seed; a plain run without. */
  mc?: { draws: number; seed: number };
}

/** Starts a run of a saved scenario and opens it. */
export function RunButton({ scenario, label, disabled, mc }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.startRun(scenario, mc);
      navigate(`#/runs/${encodeURIComponent(run.id)}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={start} disabled={disabled || busy}>
        {label}
      </button>
      {error && <span className="error">{error}</span>}
    </>
  );
}
