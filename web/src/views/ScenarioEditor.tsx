import { useEffect, useRef, useState } from 'react';
import { ApiError, api, type Problem } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { RunButton } from '../components/RunButton';
import { goToLine, YamlEditor } from '../components/YamlEditor';
import { problemText } from '../format';
import { navigate } from '../router';
import { useLoad } from '../useLoad';
import { ScenarioHelp } from './ScenarioHelp';

const TEMPLATE = `name: my-scenario
description: What this scenario changes, and why.
extends: baseline
policies: []
`;

interface Checked {
  /** How the server names the text it checked: `scenarios/<id>` (`draft` when it has no id yet). */
  file: string;
  problems: Problem[];
  /** What the last check said as a whole ("Valid.", "Saved."). */
  note?: string;
}

/** Edit a stored scenario (or write a new one: id "new"), check it, save it and run it. */
export function ScenarioEditor({ id }: { id: string }) {
  const isNew = id === 'new';
  const loaded = useLoad((signal) => (isNew ? Promise.resolve(undefined) : api.scenario(id, signal)), [id]);
  const [yaml, setYaml] = useState(isNew ? TEMPLATE : '');
  const [saved, setSaved] = useState(yaml);
  const [checked, setChecked] = useState<Checked>({ file: '', problems: [] });
  const [error, setError] = useState<unknown>();
  const [newId, setNewId] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [mc, setMc] = useState({ draws: 20, seed: 1 });
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (loaded.data) {
      setYaml(loaded.data.yaml);
      setSaved(loaded.data.yaml);
    }
  }, [loaded.data]);

  const dirty = yaml !== saved;
  // Problems on lines of this text (not of a parent it extends, nor of the dataset) mark those lines.
  const inText = (p: Problem) => p.line !== undefined && p.file === checked.file;
  const marked = new Set(checked.problems.filter(inText).map((p) => p.line!));
  const errors = checked.problems.filter((p) => p.severity === 'error');

  /** Runs an action on the text named `scenarios/<as>`, showing its problems (a 422 has them) or its error. */
  const act = async (as: string, action: () => Promise<Omit<Checked, 'file'> | undefined>) => {
    setError(undefined);
    const file = `scenarios/${as}`;
    try {
      const result = await action();
      if (result) setChecked({ file, ...result });
    } catch (e) {
      if (e instanceof ApiError && e.problems.length > 0) setChecked({ file, problems: e.problems });
      else setError(e);
    }
  };

  const validate = () => {
    const as = isNew ? newId || 'draft' : id;
    return act(as, async () => {
      const v = await api.validate(yaml, as);
      return { problems: [...v.problems, ...v.warnings], note: v.ok ? 'Valid.' : undefined };
    });
  };
  const save = () =>
    act(id, async () => {
      await api.saveScenario(id, yaml);
      setSaved(yaml);
      return { problems: [], note: 'Saved.' };
    });
  const saveAsNew = () =>
    act(newId, async () => {
      const created = await api.createScenario(newId, yaml);
      navigate(`#/scenarios/${encodeURIComponent(created.id)}`);
      return undefined;
    });
  const remove = () => {
    setConfirmDelete(false);
    return act(id, async () => {
      await api.deleteScenario(id);
      navigate('#/scenarios');
      return undefined;
    });
  };

  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!isNew && !loaded.data) return <p className="muted">Loading…</p>;
  const title = isNew ? 'New scenario' : `Scenario ${id}`;

  return (
    <section>
      <h1>{title}</h1>
      <div className="editor-layout">
        <div>
          <div className="toolbar">
            <button type="button" onClick={validate}>
              Validate
            </button>
            {!isNew && (
              <button type="button" onClick={save} disabled={!dirty}>
                Save
              </button>
            )}
            <span className="group">
              <input
                value={newId}
                onChange={(e) => setNewId(e.target.value.trim())}
                placeholder="new-id"
                aria-label="Id of the new scenario"
                pattern="[A-Za-z0-9][A-Za-z0-9_\-]*"
              />
              <button type="button" onClick={saveAsNew} disabled={!newId}>
                Save as new
              </button>
            </span>
            {!isNew &&
              (confirmDelete ? (
                <span className="group">
                  Delete {id}?
                  <button type="button" className="danger" onClick={remove}>
                    Yes, delete
                  </button>
                  <button type="button" onClick={() => setConfirmDelete(false)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setConfirmDelete(true)}>
                  Delete
                </button>
              ))}
          </div>
          <YamlEditor value={yaml} onChange={setYaml} marked={marked} textarea={textarea} />
          <ErrorNote error={error} />
          <div className="problems" data-testid="problems" aria-live="polite">
            {checked.note && errors.length === 0 && <p className="ok">{checked.note}</p>}
            {checked.problems.length > 0 && (
              <ul>
                {checked.problems.map((p, i) => (
                  <li key={i} className={p.severity === 'warning' ? 'warning' : 'problem'}>
                    {inText(p) ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => goToLine(textarea.current!, p.line!)}
                      >
                        {problemText(p)}
                      </button>
                    ) : (
                      `${p.file}: ${problemText(p)}`
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {!isNew && (
            <div className="run-controls">
              <RunButton scenario={id} label="Run" disabled={dirty} />
              <span className="group">
                <label>
                  draws{' '}
                  <input
                    type="number"
                    min={1}
                    max={10000}
                    value={mc.draws}
                    onChange={(e) => setMc({ ...mc, draws: Number(e.target.value) })}
                  />
                </label>
                <label>
                  seed{' '}
                  <input
                    type="number"
                    min={0}
                    value={mc.seed}
                    onChange={(e) => setMc({ ...mc, seed: Number(e.target.value) })}
                  />
                </label>
                <RunButton scenario={id} label="Monte Carlo" disabled={dirty || mc.draws < 1} mc={mc} />
              </span>
              {dirty && <span className="muted">Save first: runs use the saved scenario.</span>}
            </div>
          )}
        </div>
        <ScenarioHelp />
      </div>
    </section>
  );
}
