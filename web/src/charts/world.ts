import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { echarts } from './echarts';

let registered: Promise<void> | undefined;

/** Registers the world map ('world') once; the atlas is loaded on first use, in its own chunk. */
export function loadWorld(): Promise<void> {
  registered ??= import('world-atlas/countries-110m.json').then(({ default: atlas }) => {
    const topology = atlas as unknown as Topology<{ countries: GeometryCollection }>;
    const countries = feature(topology, topology.objects.countries) as FeatureCollection;
    const features: Feature[] = countries.features
      // Antarctica has no facilities and would take a fifth of the map.
      .filter((f) => f.properties?.name !== 'Antarctica')
      .map((f) => ({ ...f, geometry: continuous(f.geometry) }));
    echarts.registerMap('world', { type: 'FeatureCollection', features } as Parameters<
      typeof echarts.registerMap
    >[1]);
  });
  return registered;
}

/**
 * A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from +180° to −180°, which a
 * flat map draws as a line across the world; made continuous, it just reaches a little past 180°.
 */
function continuousRing(ring: Position[]): Position[] {
  let shift = 0;
  const out = ring.map(([lon = 0, lat = 0], i) => {
    const previous = ring[i - 1]?.[0] ?? lon;
    if (lon - previous > 180) shift -= 360;
    else if (previous - lon > 180) shift += 360;
    return [lon + shift, lat];
  });
  // Keep the ring where most of it lies.
  const mean = out.reduce((s, [lon = 0]) => s + lon, 0) / out.length;
  const back = mean > 180 ? -360 : mean < -180 ? 360 : 0;
  return back === 0 ? out : out.map(([lon = 0, lat = 0]) => [lon + back, lat]);
}

function continuous(g: Geometry): Geometry {
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map(continuousRing) };
  if (g.type === 'MultiPolygon')
    return { ...g, coordinates: g.coordinates.map((p) => p.map(continuousRing)) };
  return g;
}
