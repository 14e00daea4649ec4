/**
 * Converts every quantity of a cross-checked dataset into canonical units, once, and checks that
 * the results are of a size the LP can handle (see MAX_QUANTITY and MAX_COST).
 */
import { MAX_COST, MAX_QUANTITY } from '../schema/common.js';
import type { Process } from '../schema/process.js';
import type { Row } from '../schema/tables.js';
import { canonicalUnit, type Form, reoPerUnit, toCanonicalFactor, toUsdPerKg } from '../units/units.js';
import type { RawDataset } from './cross-references.js';
import type { ProblemList } from './problems.js';
import type { LoadedCandidate, LoadedFacility, LoadedMaterial } from './types.js';
import { fieldLine, type Located } from './validate-rows.js';

export interface CanonicalTables {
  materials: LoadedMaterial[];
  processes: Process[];
  facilities: LoadedFacility[];
  capacity_steps: Row<'capacity_steps'>[];
  applications: Row<'applications'>[];
  demand: Row<'demand'>[];
  demand_curves: Row<'demand_curves'>[];
  transport: Row<'transport'>[];
  inventory: Row<'inventory'>[];
  agreements: Row<'agreements'>[];
  policies: Row<'policies'>[];
  collection: Row<'collection'>[];
  substitutions: Row<'substitutions'>[];
  uncertainty: Row<'uncertainty'>[];
  price_benchmarks: Row<'price_benchmarks'>[];
  candidates: LoadedCandidate[];
}

/** Recipe amounts per unit of the reference material stay within this factor of 1 (the data: 2e-4 to 1.2). */
const MAX_RECIPE_RATIO = 1e6;

export function toCanonical(d: RawDataset, problems: ProblemList): CanonicalTables {
  const tooBig = (r: Located<unknown>, field: string, value: number, max: number, what: string) => {
    if (value > max)
      problems.error(r.file, fieldLine(r, field), field, `expected at most ${what}, got ${short(value)}`);
    return value;
  };
  /** A converted amount, in t or t/year. */
  const amount = (r: Located<unknown>, field: string, value: number) =>
    tooBig(r, field, value, MAX_QUANTITY, `${short(MAX_QUANTITY)} t (a year) in the canonical unit`);
  /** A converted cost, in USD/kg. */
  const cost = (r: Located<unknown>, field: string, value: number) =>
    tooBig(r, field, value, MAX_COST, `${short(MAX_COST)} USD/kg`);

  const materials = new Map<string, LoadedMaterial>();
  const massFactor = (r: Located<unknown>, field: string, unit: string | undefined, materialId: string) => {
    const m = materials.get(materialId);
    if (!m) return Number.NaN; // unknown material: already reported by the cross-reference check
    if (unit === undefined) return 1;
    const conv = toCanonicalFactor(unit, {
      form: m.form as Form,
      composition: m.composition,
      grade: m.grade,
    });
    if (conv.ok) return conv.factor;
    problems.error(r.file, r.line, field, conv.message);
    return Number.NaN;
  };
  const money = (r: Located<unknown>, field: string, unit: string) => {
    const conv = toUsdPerKg(unit);
    if (conv.ok) return conv.factor;
    problems.error(r.file, r.line, field, conv.message);
    return Number.NaN;
  };

  for (const r of d.materials) {
    const m = r.row;
    const unit = canonicalUnit(m.form as Form);
    if (m.unit !== undefined && m.unit !== unit) {
      problems.error(r.file, r.line, 'unit', `a ${m.form} is counted in "${unit}", not "${m.unit}"`);
    }
    const usd = money(r, 'cost_unit', m.cost_unit);
    materials.set(m.id, {
      ...m,
      unit,
      reo_per_unit: reoPerUnit({ form: m.form as Form, composition: m.composition }),
      holding_cost: cost(r, 'holding_cost', m.holding_cost * usd),
      disposal_cost: cost(r, 'disposal_cost', m.disposal_cost * usd),
      cost_unit: 'USD/kg',
    });
  }

  const processes = new Map<string, Process>();
  for (const r of d.processes) {
    const p = r.row;
    const convert = (side: 'inputs' | 'outputs') =>
      p[side].map((f, i) => ({
        material: f.material,
        amount: f.amount * massFactor(r, `${side}.${i}.unit`, f.unit, f.material),
        unit: materials.get(f.material)?.unit,
      }));
    const inputs = convert('inputs');
    const outputs = convert('outputs');
    const refAmount = [...inputs, ...outputs].find((f) => f.material === p.reference)?.amount ?? 1;
    const per =
      (side: 'inputs' | 'outputs') =>
      (f: { material: string; amount: number; unit?: string | undefined }, i: number) => {
        const ratio = f.amount / refAmount;
        if (ratio > MAX_RECIPE_RATIO || (ratio > 0 && ratio < 1 / MAX_RECIPE_RATIO))
          problems.error(
            r.file,
            fieldLine(r, `${side}.${i}.amount`),
            `${side}.${i}.amount`,
            `expected an amount within a factor of ${short(MAX_RECIPE_RATIO)} of the reference material's, got ${short(ratio)} times it`,
          );
        return { ...f, amount: ratio };
      };
    const usd = money(r, 'cost_unit', p.cost_unit);
    processes.set(p.id, {
      ...p,
      inputs: inputs.map(per('inputs')),
      outputs: outputs.map(per('outputs')),
      unit_cost: p.unit_cost === undefined ? undefined : cost(r, 'unit_cost', p.unit_cost * usd),
      cost_unit: 'USD/kg',
    });
  }

  /** Activity units per declared unit of a facility's capacity. */
  const capacityFactor = (
    r: Located<unknown>,
    field: string,
    f: Pick<Row<'facilities'>, 'process' | 'capacity_basis'>,
    unit: string,
  ) => {
    const p = processes.get(f.process);
    if (!p) return Number.NaN;
    const basis = f.capacity_basis ?? p.reference;
    const perActivity = [...p.inputs, ...p.outputs].find((x) => x.material === basis)?.amount;
    if (!perActivity) return Number.NaN;
    return massFactor(r, field, unit, basis) / perActivity;
  };

  const facilities = d.facilities.map((r): LoadedFacility => {
    const f = r.row;
    const unitCost =
      f.unit_cost === undefined
        ? (processes.get(f.process)?.unit_cost ?? 0)
        : cost(r, 'unit_cost', f.unit_cost * money(r, 'cost_unit', f.cost_unit));
    return {
      ...f,
      capacity: amount(r, 'capacity', f.capacity * capacityFactor(r, 'capacity_unit', f, f.capacity_unit)),
      capacity_unit: activityUnit(processes.get(f.process), materials),
      unit_cost: unitCost,
      cost_unit: 'USD/kg',
    };
  });
  const facilityRows = new Map(d.facilities.map((r) => [r.row.id, r.row]));
  const loadedFacilities = new Map(facilities.map((f) => [f.id, f]));

  const candidates = d.candidates.map((r): LoadedCandidate => {
    const c = r.row;
    // A candidate's size counts like a facility's capacity: the same units, the same basis.
    const factor = capacityFactor(
      r,
      'size_unit',
      { process: c.process, capacity_basis: c.size_basis },
      c.size_unit,
    );
    return {
      ...c,
      min_size: amount(r, 'min_size', c.min_size * factor),
      max_size: amount(
        r,
        'max_size',
        c.max_size === undefined
          ? (loadedFacilities.get(c.facility ?? '')?.capacity ?? 0)
          : c.max_size * factor,
      ),
      unit_capex: c.unit_capex / factor,
      fixed_opex: c.fixed_opex / factor,
      size_unit: activityUnit(processes.get(c.process), materials),
      size_basis: undefined,
    };
  });

  const capacity_steps = d.capacity_steps
    .map((r) => {
      const f = facilityRows.get(r.row.facility);
      const factor = f ? capacityFactor(r, 'unit', f, r.row.unit) : Number.NaN;
      return {
        ...r.row,
        capacity: amount(r, 'capacity', r.row.capacity * factor),
        unit: activityUnit(f && processes.get(f.process), materials),
      };
    })
    .sort((a, b) => a.facility.localeCompare(b.facility) || a.year - b.year);

  const withMass = <T extends { material: string; unit: string }>(
    r: Located<T>,
    amountField: keyof T & string,
  ) => {
    const factor = massFactor(r, 'unit', r.row.unit, r.row.material);
    return {
      ...r.row,
      [amountField]: amount(r, amountField, (r.row[amountField] as number) * factor),
      unit: materials.get(r.row.material)?.unit ?? r.row.unit,
    };
  };

  return {
    materials: [...materials.values()],
    processes: [...processes.values()],
    facilities,
    capacity_steps,
    applications: d.applications.map((r) => ({
      ...r.row,
      voll: cost(r, 'voll', r.row.voll * money(r, 'voll_unit', r.row.voll_unit)),
      voll_unit: 'USD/kg',
    })),
    demand: d.demand.map((r) => withMass(r, 'amount')),
    demand_curves: d.demand_curves
      .map((r) => {
        const usd = money(r, 'unit', r.row.unit);
        return {
          ...r.row,
          price: cost(r, 'price', r.row.price * usd),
          reference_price: cost(r, 'reference_price', r.row.reference_price * usd),
          unit: 'USD/kg',
        };
      })
      .sort((a, b) => a.application.localeCompare(b.application) || a.step - b.step),
    transport: d.transport.map((r) => ({
      ...r.row,
      cost: cost(r, 'cost', r.row.cost * money(r, 'unit', r.row.unit)),
      ...(r.row.per_1000km
        ? { per_1000km: cost(r, 'per_1000km', r.row.per_1000km * money(r, 'unit', r.row.unit)) }
        : {}),
      unit: 'USD/kg',
    })),
    inventory: d.inventory.map((r) => withMass(r, 'amount')),
    policies: d.policies.map((r) => r.row),
    collection: d.collection.map((r) => r.row),
    substitutions: d.substitutions.map((r) => ({
      ...r.row,
      cost: cost(r, 'cost', r.row.cost * money(r, 'cost_unit', r.row.cost_unit)),
      cost_unit: 'USD/kg',
    })),
    uncertainty: d.uncertainty.map((r) => r.row),
    price_benchmarks: d.price_benchmarks.map((r) => {
      const usd = money(r, 'unit', r.row.unit);
      return {
        ...r.row,
        low: cost(r, 'low', r.row.low * usd),
        high: cost(r, 'high', r.row.high * usd),
        unit: 'USD/kg',
      };
    }),
    candidates,
    agreements: d.agreements.map((r) =>
      r.row.volume === undefined || r.row.unit === undefined
        ? r.row
        : {
            ...r.row,
            volume: amount(r, 'volume', r.row.volume * massFactor(r, 'unit', r.row.unit, r.row.material)),
            unit: materials.get(r.row.material)?.unit,
          },
    ),
  };
}

/** 1e9, 2.5e200: short enough for a message. */
const short = (x: number) => Number(x.toPrecision(3)).toExponential().replace('e+', 'e');

function activityUnit(p: Process | undefined, materials: Map<string, LoadedMaterial>): string {
  const m = p && materials.get(p.reference);
  return m ? `${m.unit} (${m.id})` : '?';
}
