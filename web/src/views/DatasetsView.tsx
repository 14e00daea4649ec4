import { type FormEvent, useState } from 'react';
import { ApiError, api, type Dataset, DEFAULT_DATASET, downloads, type Problem } from '../api';
import { datasetQuery } from '../components/DatasetPicker';
import { ErrorNote } from '../components/ErrorNote';
import { problemText } from '../format';
import { useLoad } from '../useLoad';

/** The datasets on this server, their stored files, and an upload form for a dataset folder. */
export function DatasetsView() {
  const list = useLoad(api.datasets, []);
  const [open, setOpen] = useState<string>();
  return (
    <section>
      <h1>Datasets</h1>
      <ErrorNote error={list.error} />
      {list.data && (
        <table data-testid="datasets">
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">name</th>
              <th scope="col">from</th>
              <th scope="col">facilities</th>
              <th scope="col">sources</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.data.map((d) => (
              <DatasetRow key={d.id} d={d} open={open === d.id} onToggle={setOpen} onDeleted={list.reload} />
            ))}
          </tbody>
        </table>
      )}
      <Upload onDone={list.reload} />
    </section>
  );
}

function DatasetRow(props: {
  d: Dataset;
  open: boolean;
  onToggle: (id: string | undefined) => void;
  onDeleted: () => void;
}) {
  const { d, open } = props;
  const [error, setError] = useState<unknown>();
  const remove = async () => {
    if (!window.confirm(`Delete dataset "${d.id}"?`)) return;
    try {
      await api.deleteDataset(d.id);
      props.onDeleted();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <tr>
        <td>
          <button type="button" className="link" onClick={() => props.onToggle(open ? undefined : d.id)}>
            {d.id}
          </button>
        </td>
        <td>{d.name}</td>
        <td className="muted small">{d.from}</td>
        <td>{d.counts.facilities}</td>
        <td>{d.counts.sources}</td>
        <td className="nowrap">
          <a href={`#/map?${datasetQuery(d.id)}`}>Map</a> ·{' '}
          <a href={`#/sources?${datasetQuery(d.id)}`}>Sources</a>{' '}
          {d.id !== DEFAULT_DATASET && (
            <button type="button" onClick={remove}>
              Delete
            </button>
          )}
          <ErrorNote error={error} />
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <Files id={d.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function Files({ id }: { id: string }) {
  const files = useLoad((s) => api.datasetFiles(id, s), [id]);
  return (
    <>
      <ErrorNote error={files.error} />
      <ul className="files">
        {files.data?.map((f) => (
          <li key={f.name}>
            <a href={downloads.datasetFile(id, f.name)}>{f.name}</a>{' '}
            <span className="muted small">{f.bytes.toLocaleString('en-US')} bytes</span>
          </li>
        ))}
      </ul>
    </>
  );
}

const count = (n = 0, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Upload: the files of a dataset folder (dataset.yaml and its tables), validated by the server. */
function Upload({ onDone }: { onDone: () => void }) {
  const [id, setId] = useState('');
  const [chosen, setChosen] = useState<File[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblems([]);
    setError(undefined);
    setNote('');
    try {
      // A folder picked whole arrives with its path; the dataset is the files at its top.
      const files = Object.fromEntries(
        await Promise.all(chosen.map(async (f) => [f.name, await f.text()] as const)),
      );
      const d = await api.uploadDataset(id, files);
      setNote(
        `Stored "${d.id}": ${count(d.counts.facilities, 'facility', 'facilities')}, ${count(d.counts.sources, 'source', 'sources')}.`,
      );
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.problems.length > 0) setProblems(err.problems);
      else setError(err);
    }
  };
  return (
    <form className="upload" onSubmit={submit} data-testid="upload">
      <h2>Upload a dataset</h2>
      <p className="caption">
        Pick the files of a dataset folder (dataset.yaml and its tables, as in data/default); scenarios then
        name it with <code>dataset: ID</code>.
      </p>
      <label>
        id{' '}
        <input
          value={id}
          onChange={(e) => setId(e.target.value)}
          required
          pattern="[A-Za-z0-9][A-Za-z0-9_\-]*"
        />
      </label>
      <input
        type="file"
        multiple
        accept=".csv,.yaml,.yml,.json,.md,.txt"
        onChange={(e) => setChosen([...(e.target.files ?? [])])}
      />
      <button type="submit" disabled={!id || chosen.length === 0}>
        Upload {chosen.length > 0 ? `${chosen.length} files` : ''}
      </button>
      <ErrorNote error={error} />
      {note && <p className="ok">{note}</p>}
      {problems.length > 0 && (
        <ul className="problems" data-testid="upload-problems">
          {problems.map((p, i) => (
            <li key={i} className={p.severity === 'warning' ? 'warning' : 'problem'}>
              {p.file}: {problemText(p)}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
