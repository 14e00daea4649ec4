import { useState } from 'react';
import { api, type Run } from '../api';
import { ErrorNote } from './ErrorNote';

/** A queued or running run: how far it got, and a way to stop it. */
export function RunProgress({ run, onChange }: { run: Run; onChange: (run: Run) => void }) {
  const [error, setError] = useState<unknown>();
  const { done, total, label } = run.progress;
  const cancel = () => api.cancelRun(run.id).then(onChange, setError);
  return (
    <div className="progress" data-testid="run-progress">
      <progress max={total || 1} value={run.status === 'queued' ? undefined : done} />
      <span>{run.status === 'queued' ? 'Queued…' : `${label || 'Running'} (${done} of ${total})`}</span>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
