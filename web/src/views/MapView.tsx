import type { ECElementEvent } from 'echarts/core';
import { useEffect, useMemo, useState } from 'react';
import { api, type Facility } from '../api';
import { Chart } from '../charts/Chart';
import {
  facilityMapOption,
  hasCoordinates,
  STAGE_COLORS,
  STAGES,
  STATUS_STYLE,
  STATUSES,
} from '../charts/facilityMap';
import { loadWorld } from '../charts/world';
import { DatasetPicker, datasetQuery } from '../components/DatasetPicker';
import { ErrorNote } from '../components/ErrorNote';
import { FilterGroup } from '../components/FilterGroup';
import { navigate } from '../router';
import { useLoad } from '../useLoad';
import { FacilityPanel } from './FacilityPanel';

const SYMBOLS: Record<string, string> = {
  circle: '●',
  triangle: '▲',
  emptyCircle: '○',
  rect: '■',
  emptyRect: '□',
};

/** Facilities on a world map by stage and status; click one to see its records and sources. */
export function MapView({ dataset, selected }: { dataset: string; selected: string | null }) {
  const { data, error } = useLoad((s) => api.facilities(dataset, s), [dataset]);
  const [worldReady, setWorldReady] = useState(false);
  const [stages, setStages] = useState<Set<string>>(() => new Set(STAGES));
  const [statuses, setStatuses] = useState<Set<string>>(() => new Set(STATUSES));

  useEffect(() => {
    loadWorld().then(() => setWorldReady(true));
  }, []);

  const shown = useMemo(
    () => (data ?? []).filter((f) => stages.has(f.stage) && statuses.has(f.status)),
    [data, stages, statuses],
  );
  const option = useMemo(() => facilityMapOption(shown), [shown]);
  const unplaced = shown.filter((f) => !hasCoordinates(f));
  const here = datasetQuery(dataset);
  const open = (id: string) => navigate(`#/map?${here}facility=${encodeURIComponent(id)}`);
  const onClick = (e: ECElementEvent) => {
    const f = (e.data as { facility?: Facility } | undefined)?.facility;
    if (f) open(f.id);
  };

  return (
    <section>
      <h1>Facilities</h1>
      <DatasetPicker view="map" dataset={dataset} />
      <ErrorNote error={error} />
      <div className="filters">
        <FilterGroup
          label="Stage"
          options={STAGES}
          chosen={stages}
          onChange={setStages}
          mark={(s) => <span className="swatch" style={{ background: STAGE_COLORS[s] }} />}
        />
        <FilterGroup
          label="Status"
          options={STATUSES}
          chosen={statuses}
          onChange={setStatuses}
          mark={(s) => <span className="symbol">{SYMBOLS[STATUS_STYLE[s]!.symbol]}</span>}
        />
      </div>
      <p className="muted" data-testid="facility-count">
        {data
          ? `${shown.length} of ${data.length} facilities shown, ${unplaced.length} without coordinates.`
          : 'Loading…'}
      </p>
      <div className="map-layout">
        {worldReady && data && (
          <Chart
            option={option}
            height={560}
            testId="facility-map"
            label="Facilities on a world map"
            onClick={onClick}
          />
        )}
        <aside className="unplaced">
          <h3>Without coordinates</h3>
          <p className="caption">National aggregates and sites whose location is not published.</p>
          <ul>
            {unplaced.map((f) => (
              <li key={f.id}>
                <button type="button" className="link" onClick={() => open(f.id)}>
                  {f.name}
                </button>
                <div className="muted small">
                  {f.region} · {f.stage} · {f.status}
                </div>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      {selected && (
        <FacilityPanel dataset={dataset} id={selected} onClose={() => navigate(`#/map?${here}`)} />
      )}
    </section>
  );
}
