/**
 * The tables of a dataset folder: each is one file, `<name>.csv`, `<name>.yaml`/`.yml` or
 * `<name>.json`, holding a list of records.
 */
import type { z } from 'zod';
import { Agreement } from './agreement.js';
import { Application } from './application.js';
import { Candidate } from './candidate.js';
import { Collection } from './collection.js';
import { Demand } from './demand.js';
import { DemandCurveStep } from './demand-curve.js';
import { CapacityStep, Facility } from './facility.js';
import { Inventory } from './inventory.js';
import { Material } from './material.js';
import { Policy } from './policy.js';
import { PriceBenchmark } from './price-benchmark.js';
import { Process } from './process.js';
import { Region } from './region.js';
import { Source } from './source.js';
import { Substitution } from './substitution.js';
import { TaintSet } from './taint-set.js';
import { Transport } from './transport.js';
import { UncertaintySpec } from './uncertainty.js';

export interface TableSpec<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
  readonly required: boolean;
  readonly description: string;
}

const table = <S extends z.ZodType>(name: string, schema: S, required: boolean, description: string) => ({
  name,
  schema,
  required,
  description,
});

export const TABLES = {
  sources: table('sources', Source, true, 'Documents the numbers come from.'),
  regions: table('regions', Region, true, 'Trade regions, each with a hub per material and origin tag.'),
  taint_sets: table(
    'taint_sets',
    TaintSet,
    false,
    'Named sets of regions whose processing taints material (china, feoc); a scenario picks one.',
  ),
  materials: table('materials', Material, true, 'Concentrates, oxides, metals, alloys, magnets, scrap.'),
  processes: table('processes', Process, true, 'Recipes: inputs and outputs per unit of activity.'),
  facilities: table('facilities', Facility, true, 'Plants: region, process, capacity, status, cost.'),
  capacity_steps: table('capacity_steps', CapacityStep, false, 'Capacity changes over time.'),
  applications: table('applications', Application, true, 'End uses of magnets and their value of lost load.'),
  demand: table('demand', Demand, true, 'Demand by region, application, material and year.'),
  demand_curves: table(
    'demand_curves',
    DemandCurveStep,
    false,
    'Stepwise demand curves: blocks of each application’s demand given up above a price.',
  ),
  transport: table('transport', Transport, false, 'Shipping costs between regions.'),
  inventory: table('inventory', Inventory, false, 'Stocks at the start of the horizon.'),
  agreements: table('agreements', Agreement, false, 'Offtake and supply contracts.'),
  collection: table('collection', Collection, false, 'Collection rates of end-of-life magnets.'),
  substitutions: table(
    'substitutions',
    Substitution,
    false,
    'Grade switches, heavy-RE thrift and technology switches: cost, maximum share, ramp.',
  ),
  price_benchmarks: table(
    'price_benchmarks',
    PriceBenchmark,
    false,
    'Published price ranges the run report charts beside the model’s prices.',
  ),
  uncertainty: table(
    'uncertainty',
    UncertaintySpec,
    false,
    'Uncertain inputs and their distributions, for Monte Carlo.',
  ),
  candidates: table(
    'candidates',
    Candidate,
    false,
    'Builds the planner may choose: greenfield options and announced projects, with capex, opex and lead time.',
  ),
  policies: table(
    'policies',
    Policy,
    false,
    'Export controls, tariffs, price floors, origin requirements, stockpiles, cost paths.',
  ),
} as const;

export type TableName = keyof typeof TABLES;
export type Row<N extends TableName> = z.infer<(typeof TABLES)[N]['schema']>;
