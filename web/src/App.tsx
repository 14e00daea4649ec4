import { api, DEFAULT_DATASET } from './api';
import { TokenField } from './components/TokenField';
import { useRoute } from './router';
import { useLoad } from './useLoad';
import { CompareView } from './views/CompareView';
import { DatasetsView } from './views/DatasetsView';
import { ExposureView } from './views/ExposureView';
import { Home } from './views/Home';
import { MapView } from './views/MapView';
import { PlannerView } from './views/PlannerView';
import { RunsList } from './views/RunsList';
import { RunView } from './views/RunView';
import { ScenarioEditor } from './views/ScenarioEditor';
import { ScenariosList } from './views/ScenariosList';
import { SourcesView } from './views/SourcesView';

const NAV = [
  ['', 'Overview'],
  ['map', 'Facilities'],
  ['sources', 'Sources'],
  ['datasets', 'Datasets'],
  ['scenarios', 'Scenarios'],
  ['runs', 'Runs'],
  ['exposures', 'Exposure'],
  ['planner', 'Planner'],
] as const;

/** The view for the hash route: #/map[?dataset=ID], #/sources[?dataset=ID], #/datasets, #/scenarios[/ID], #/runs[/ID], #/compare?runs=a,b, #/planner[?run=ID], #/exposures[/ID]. */
function View() {
  const { segments, query } = useRoute();
  const [section = '', id] = segments;
  const dataset = query.get('dataset') ?? DEFAULT_DATASET;
  switch (section) {
    case 'map':
      return <MapView dataset={dataset} selected={query.get('facility')} />;
    case 'sources':
      return <SourcesView dataset={dataset} />;
    case 'datasets':
      return <DatasetsView />;
    case 'scenarios':
      // Keyed, so opening another scenario starts from a clean editor.
      return id ? <ScenarioEditor key={id} id={id} /> : <ScenariosList />;
    case 'runs':
      return id ? <RunView key={id} id={id} /> : <RunsList />;
    case 'exposures':
      return <ExposureView id={id} />;
    case 'planner':
      return <PlannerView runId={query.get('run')} />;
    case 'compare':
      return <CompareView ids={(query.get('runs') ?? '').split(',').filter(Boolean)} />;
    default:
      return <Home />;
  }
}

export function App() {
  const { segments } = useRoute();
  const health = useLoad(api.health, []);
  const current = segments[0] === 'compare' ? 'runs' : (segments[0] ?? '');
  return (
    <>
      <header className="top">
        <a className="brand" href="#/">
          Lodestone
        </a>
        <nav>
          {NAV.map(([path, label]) => (
            <a key={path} href={`#/${path}`} aria-current={current === path ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        {health.data?.auth && <TokenField />}
      </header>
      <main>
        <View />
      </main>
    </>
  );
}
