/** Regions grouped into the blocs analyses report on: the US, the US with its allies, the EU. */
import type { Dataset } from '../dataset/types.js';

export interface Bloc {
  readonly id: string;
  readonly regions: readonly string[];
}

/** US; US and allies (regions in bloc "allies"); EU (regions in bloc "eu", or the region EU). Empty blocs are left out. */
export function defaultBlocs(dataset: Dataset): Bloc[] {
  const ids = new Set(dataset.regions.map((r) => r.id));
  const inBloc = (name: string) => dataset.regions.filter((r) => r.blocs.includes(name)).map((r) => r.id);
  const blocs: Bloc[] = [];
  if (ids.has('US')) blocs.push({ id: 'US', regions: ['US'] });
  const allies = [...new Set(['US', ...inBloc('allies')].filter((r) => ids.has(r)))];
  if (allies.length > 1) blocs.push({ id: 'US+allies', regions: allies });
  const eu = [...new Set([...inBloc('eu'), ...(ids.has('EU') ? ['EU'] : [])])];
  if (eu.length > 0) blocs.push({ id: 'EU', regions: eu });
  return blocs;
}

/** What is wrong with a list of bloc ids for this dataset (`unknown bloc "X"; expected some of …`), if anything. */
export function unknownBlocs(dataset: Dataset, ids: readonly string[]): string | undefined {
  const known = defaultBlocs(dataset).map((b) => b.id);
  const unknown = ids.filter((b) => !known.includes(b));
  if (unknown.length === 0) return undefined;
  return `unknown bloc ${unknown.map((b) => `"${b}"`).join(', ')}; expected some of ${known.join(', ')}`;
}
