import type { ScenarioAnswers } from '../api';
import { RunButton } from '../components/RunButton';
import { fmtPct } from '../format';

type Run = NonNullable<ScenarioAnswers['run']>;

/** The run's value for a column's period: the period itself, or for a quarterly run the year's last quarter. */
function at(run: Run, series: (number | null)[], period: string): { value: number | null; period?: string } {
  for (const label of [period, `${period}Q4`]) {
    const i = run.periods.indexOf(label);
    if (i >= 0) return { value: series[i] ?? null, period: label };
  }
  return { value: null };
}

const runLink = (id: string) => `#/runs/${encodeURIComponent(id)}`;

/**
 * Per bloc, a table of the scenario library side by side: each year's served and potential free
 * shares (each a link to the run behind it) and the first year the potential reaches 100%.
 */
export function BlocAnswers({ list }: { list: ScenarioAnswers[] }) {
  const withRuns = list.filter((a) => a.run !== null);
  const blocs = [...new Set(withRuns.flatMap((a) => a.run!.blocs.map((b) => b.bloc)))];
  // Year columns: the annual periods of the runs, in order.
  const periods = [...new Set(withRuns.flatMap((a) => a.run!.periods))]
    .filter((p) => /^\d{4}$/.test(p))
    .sort();
  const frees = [...new Set(withRuns.map((a) => a.run!.free))];
  const waiting = list.filter((a) => a.run === null);
  return (
    <div data-testid="answers">
      {withRuns.length === 0 && <p className="empty">No scenario has a finished run yet: start one below.</p>}
      {blocs.map((bloc) => (
        <div key={bloc} className="scroll">
          <h2>{bloc}</h2>
          <table className="bloc-answers" data-testid={`answers-${bloc}`}>
            <thead>
              <tr>
                <th scope="col">scenario</th>
                {periods.map((p) => (
                  <th key={p} scope="col" className="num">
                    {p}
                  </th>
                ))}
                <th scope="col">fully served</th>
              </tr>
            </thead>
            <tbody>
              {withRuns.map((a) => {
                const run = a.run!;
                const b = run.blocs.find((x) => x.bloc === bloc);
                return (
                  <tr key={a.scenario} data-scenario={a.scenario}>
                    <th scope="row">
                      <a href={`#/scenarios/${encodeURIComponent(a.scenario)}`}>{a.scenario}</a>
                      <div className="muted small">{run.free}</div>
                    </th>
                    {periods.map((p) => {
                      if (!b)
                        return (
                          <td key={p} className="num muted">
                            –
                          </td>
                        );
                      const served = at(run, b.served, p);
                      const potential = at(run, b.potential, p);
                      return (
                        <td key={p} className="num" title={served.period}>
                          <a href={runLink(run.id)} data-testid={`${bloc}|${a.scenario}|${p}|served`}>
                            {fmtPct(served.value)}
                          </a>
                          <span className="muted"> / </span>
                          <a href={runLink(run.id)} data-testid={`${bloc}|${a.scenario}|${p}|potential`}>
                            <strong>{fmtPct(potential.value)}</strong>
                          </a>
                        </td>
                      );
                    })}
                    <td className="nowrap">
                      <a href={runLink(run.id)} data-testid={`${bloc}|${a.scenario}|fully-served`}>
                        {b?.fully_served ?? `not by ${run.periods.at(-1)}`}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      {withRuns.length > 0 && (
        <p className="caption">
          Each cell: served / <strong>potential</strong>. Served: the share of the bloc’s demand the
          scenario’s latest run served {frees.join(' or ')}. Potential: the most of it that could be served so
          while every region outside the bloc keeps the supply it got in the run. Fully served: the first year
          the potential reaches 100%. The upper bound — the bloc with first call on all such capacity in the
          world, which counts the same capacity for every bloc — is in each run’s report. Click a number for
          its run.
        </p>
      )}
      {waiting.length > 0 && (
        <div data-testid="answers-waiting">
          <h2>Not run yet</h2>
          <ul className="plain">
            {waiting.map((a) => (
              <li key={a.scenario} data-scenario={a.scenario}>
                <a href={`#/scenarios/${encodeURIComponent(a.scenario)}`}>{a.scenario}</a>{' '}
                <span className="muted">{a.note ?? 'has no finished run.'}</span>{' '}
                {a.active ? (
                  <a href={runLink(a.active.id)}>{a.active.status}…</a>
                ) : (
                  <RunButton scenario={a.scenario} label={`Run ${a.scenario}`} />
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
