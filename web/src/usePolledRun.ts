import { useEffect, useState } from 'react';
import { api, isActive, type Run } from './api';

const POLL_MS = 500;

/** The run, asked again every half second while it is queued or running. */
export function usePolledRun(id: string) {
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const poll = () =>
      api.run(id, controller.signal).then(
        (r) => {
          setRun(r);
          if (isActive(r)) timer = window.setTimeout(poll, POLL_MS);
        },
        (e: unknown) => controller.signal.aborted || setError(e),
      );
    poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [id]);
  return { run, setRun, error };
}
