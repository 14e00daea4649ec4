/**
 * The policy types, one line each: a new type is its own module (see types.ts) and a line here.
 * The rest of the code asks this registry, never a type's module.
 */
import { collectionTarget } from './collection-target.js';
import { contract } from './contract.js';
import { costShift } from './cost-shift.js';
import { exportControl } from './export-control.js';
import { originRequirement } from './origin-requirement.js';
import { priceFloor } from './price-floor.js';
import { recycledContent } from './recycled-content.js';
import { stockpile } from './stockpile.js';
import { tariff } from './tariff.js';
import type {
  BuildContext,
  ContractLink,
  DemandView,
  HubView,
  PolicyKind,
  PolicyPart,
  PolicyRecord,
  Reference,
} from './types.js';

/** Keyed by each type's `type`, in the order messages and JSON Schemas list them. */
export const POLICY_KINDS = {
  export_control: exportControl,
  tariff,
  price_floor: priceFloor,
  origin_requirement: originRequirement,
  stockpile,
  cost_shift: costShift,
  collection_target: collectionTarget,
  recycled_content: recycledContent,
};

type Kinds = typeof POLICY_KINDS;
export type PolicyType = keyof Kinds;
/** The schema of the records of any registered type. */
export type PolicySchema = Kinds[PolicyType]['schema'];
export const POLICY_TYPES = Object.keys(POLICY_KINDS) as PolicyType[];

/** A policy of any registered type. */
type AnyPolicy = PolicyRecord & { readonly type: PolicyType };
const kindOf = (p: AnyPolicy) => POLICY_KINDS[p.type] as unknown as PolicyKind<AnyPolicy>;

/** The fields of a policy that name other records. */
export const policyReferences = (p: AnyPolicy): readonly Reference[] => kindOf(p).references;

/** Problems of a policy that its schema cannot see. */
export const policyProblems = (p: AnyPolicy) => kindOf(p).problems?.(p) ?? [];

/** Hubs a policy's columns take from and give to. */
export const policyHubs = (p: AnyPolicy): readonly HubView[] => kindOf(p).hubs?.(p) ?? [];

/** Whether a policy constrains a demand node apart from the others. */
export const policyCovers = (p: AnyPolicy, node: DemandView): boolean => kindOf(p).covers?.(p, node) ?? false;

/** Monte Carlo targets that act on policies: each type's own, then the window's length of any policy. */
export const POLICY_TARGETS = [
  ...new Set(Object.values(POLICY_KINDS).flatMap((k) => Object.keys(('sampling' in k && k.sampling) || {}))),
  'policy_duration',
];

/** The policy with a drawn value of a target applied (unchanged when the target does not act on its type). */
export function withDraw<P extends AnyPolicy>(p: P, target: string, value: number): P {
  if (target === 'policy_duration') return 'start' in p ? { ...p, end: (p.start as number) + value } : p;
  return (kindOf(p).sampling?.[target]?.(p, value) as P | undefined) ?? p;
}

/** Every policy of a dataset, then every modelled contract, as parts of the period model (in LP order). */
export function buildPolicies(
  policies: readonly AnyPolicy[],
  contracts: readonly ContractLink[],
  ctx: BuildContext,
): PolicyPart[] {
  const parts = policies.map((p) => kindOf(p).build(p, ctx));
  const byAgreement = new Map<string, ContractLink[]>();
  for (const link of contracts)
    byAgreement.set(link.agreement.id, [...(byAgreement.get(link.agreement.id) ?? []), link]);
  for (const links of byAgreement.values()) parts.push(contract(links[0]!.agreement, links, ctx));
  return parts;
}

export type { PeriodInputs, PolicyFlow, PolicyMetric, PolicyPart } from './types.js';
