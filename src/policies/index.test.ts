import { describe, expect, it } from 'vitest';
import { Policy } from '../schema/policy.js';
import { POLICY_KINDS, POLICY_TARGETS, policyCovers, policyHubs, withDraw } from './index.js';

const prov = { source_ids: ['s'], confidence: 'estimate' };
const parse = (record: Record<string, unknown>) => Policy.parse({ id: 'p', ...prov, ...record });

describe('the policy registry', () => {
  it('keys each type by the `type` its records carry', () => {
    for (const [type, kind] of Object.entries(POLICY_KINDS))
      expect(kind.schema.shape.type.value, type).toBe(type);
  });

  it('declares references only to fields its records have', () => {
    for (const [type, kind] of Object.entries(POLICY_KINDS))
      for (const { field } of kind.references)
        expect(Object.keys(kind.schema.shape), `${type}.${field}`).toContain(field.split('.')[0]);
  });

  it('routes a stockpile through its hub and rations nodes under an origin requirement apart', () => {
    const stock = parse({
      type: 'stockpile',
      region: 'US',
      material: 'oxide',
      target: 10,
      build_rate: 5,
      release_price: 100,
      start: 2025,
    });
    expect(policyHubs(stock)).toEqual([{ region: 'US', material: 'oxide', tag: 'free' }]);
    const rule = parse({
      type: 'origin_requirement',
      region: 'US',
      applications: ['defence'],
      share: 1,
      start: 2025,
    });
    const node = { region: 'US', application: 'defence', material: 'magnet' };
    expect(policyCovers(rule, node)).toBe(true);
    expect(policyCovers(rule, { ...node, application: 'ev' })).toBe(false);
    expect(policyCovers(stock, node)).toBe(false);
  });

  it('applies Monte Carlo draws to the types they act on', () => {
    expect(POLICY_TARGETS).toEqual(['licensed_share', 'policy_duration']);
    const control = parse({
      type: 'export_control',
      exporter: 'CN',
      elements: ['Dy'],
      licensed_share: 0.5,
      start: 2025,
    });
    expect(withDraw(control, 'licensed_share', 1.4)).toMatchObject({ licensed_share: 1 });
    expect(withDraw(control, 'policy_duration', 2)).toMatchObject({ start: 2025, end: 2027 });
    const tariff = parse({ type: 'tariff', importer: 'US', per_kg: 1, start: 2025 });
    expect(withDraw(tariff, 'licensed_share', 0.2)).toBe(tariff);
  });
});
