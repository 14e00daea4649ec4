/**
 * Rare-earth elements and the stoichiometry that links oxide, REO and metal masses.
 *
 * Atomic weights: IUPAC Commission on Isotopic Abundances and Atomic Weights, standard atomic
 * weights (abridged, 2021), https://iupac.qmul.ac.uk/AtWt/ . Oxide formulas are the forms in which
 * each element is traded and reported as REO (CeO2, Pr6O11 and Tb4O7; Ln2O3 for the rest).
 */
export const OXYGEN = 15.999;

export interface ElementInfo {
  readonly symbol: string;
  readonly name: string;
  readonly atomicWeight: number;
  /** Oxide formula LnₐOᵦ: a metal atoms to b oxygen atoms. */
  readonly oxide: { readonly metal: number; readonly oxygen: number; readonly formula: string };
  readonly group: 'light' | 'heavy';
}

const table: ReadonlyArray<[string, string, number, number, number, string, 'light' | 'heavy']> = [
  ['La', 'lanthanum', 138.905, 2, 3, 'La2O3', 'light'],
  ['Ce', 'cerium', 140.116, 1, 2, 'CeO2', 'light'],
  ['Pr', 'praseodymium', 140.908, 6, 11, 'Pr6O11', 'light'],
  ['Nd', 'neodymium', 144.242, 2, 3, 'Nd2O3', 'light'],
  ['Pm', 'promethium', 145, 2, 3, 'Pm2O3', 'light'],
  ['Sm', 'samarium', 150.36, 2, 3, 'Sm2O3', 'light'],
  ['Eu', 'europium', 151.964, 2, 3, 'Eu2O3', 'heavy'],
  ['Gd', 'gadolinium', 157.25, 2, 3, 'Gd2O3', 'heavy'],
  ['Tb', 'terbium', 158.925, 4, 7, 'Tb4O7', 'heavy'],
  ['Dy', 'dysprosium', 162.5, 2, 3, 'Dy2O3', 'heavy'],
  ['Ho', 'holmium', 164.93, 2, 3, 'Ho2O3', 'heavy'],
  ['Er', 'erbium', 167.259, 2, 3, 'Er2O3', 'heavy'],
  ['Tm', 'thulium', 168.934, 2, 3, 'Tm2O3', 'heavy'],
  ['Yb', 'ytterbium', 173.045, 2, 3, 'Yb2O3', 'heavy'],
  ['Lu', 'lutetium', 174.967, 2, 3, 'Lu2O3', 'heavy'],
  ['Y', 'yttrium', 88.906, 2, 3, 'Y2O3', 'heavy'],
  ['Sc', 'scandium', 44.956, 2, 3, 'Sc2O3', 'heavy'],
];

export const ELEMENTS: ReadonlyMap<string, ElementInfo> = new Map(
  table.map(([symbol, name, atomicWeight, metal, oxygen, formula, group]) => [
    symbol,
    { symbol, name, atomicWeight, oxide: { metal, oxygen, formula }, group },
  ]),
);

export const ELEMENT_SYMBOLS: readonly string[] = [...ELEMENTS.keys()];

/** Tonnes of metal in one tonne of the element's oxide (Nd2O3 → 0.857). */
export function metalPerOxide(symbol: string): number {
  const e = ELEMENTS.get(symbol);
  if (!e) throw new Error(`unknown element ${symbol}`);
  const metal = e.oxide.metal * e.atomicWeight;
  return metal / (metal + e.oxide.oxygen * OXYGEN);
}
