/**
 * Rationing among equals: demand nodes that the LP cannot tell apart share a shortfall pro rata,
 * each short by the same fraction of its demand, so the split does not depend on the simplex path.
 *
 * Nodes are equals when they are in the same region, want the same material (so they draw on the
 * same hubs), have the same value of lost load and fall under the same policies (origin
 * requirements: DemandNode.policies). Nodes under different requirements are rationed apart: a
 * defence demand that may only take China-free material can be short for want of China-free supply
 * while others with the same value are served China-touched, and an equal fraction would force
 * those short too. Within a group the equal
 * fraction costs nothing: its members are interchangeable in every constraint and in the objective.
 *
 * Per group, a column s ∈ [0, 1] (the fraction short) and per member a row short − demand·s = 0;
 * the demand coefficient changes every period (see Formulation.layout.rationing).
 */
import type { Network } from '../model/network.js';

/** The groups of two or more demand nodes (indices into network.demands), in network order. */
export function rationingGroups(network: Network): number[][] {
  const groups = new Map<string, number[]>();
  network.demands.forEach((d, i) => {
    const key = JSON.stringify([d.region, d.material, d.voll, d.policies]);
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()].filter((members) => members.length > 1);
}
