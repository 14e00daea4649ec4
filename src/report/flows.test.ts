import { describe, expect, it } from 'vitest';
import { toyRun } from '../../test/report/run-fixture.js';
import { buildFlows, consumerStage, producerStages } from './flows.js';
import type { RunData } from './types.js';

const linkMap = (run: RunData, period: string) =>
  Object.fromEntries(buildFlows(run, period).links.map((l) => [`${l.source} → ${l.target}`, l.value]));

describe('buildFlows', () => {
  it('links each stage to the stage that used its output, through trade, re-exports and stock', () => {
    // Worked by hand from the toy run's 2030 tables (see test/report/run-fixture.ts).
    const links = linkMap(toyRun(), '2030');
    expect(links).toEqual({
      'mining · CN → separation · CN': 400,
      'mining · US → separation · CN': 100, // exported US concentrate, separated in China
      'mining · AU → separation · AU': 50,
      'separation · AU → separation · MY': 48, // an intermediate processed further at the same stage
      'separation · CN → metal · CN': 120,
      'separation · MY → metal · CN': 12, // re-exported through Japan: traced to where it was made
      'recycling · CN → metal · CN': 10,
      'stock · CN → metal · CN': 8, // opening stock drawn (import_reliance.csv stock_change +8)
      'metal · CN → magnet · CN': 100,
      'magnet · CN → demand · CN': 250,
      'magnet · CN → demand · US': 50,
    });
  });

  it('leaves out surplus co-products, stock built, scrap and transit regions', () => {
    const flows = buildFlows(toyRun(), '2030');
    const materials = new Set(flows.links.flatMap((l) => l.materials));
    expect(materials.has('lace-oxide')).toBe(false); // price 0 in China: stocked or disposed
    expect(materials.has('swarf')).toBe(false); // scrap: recycling is a source
    expect(flows.nodes.map((n) => n.name)).not.toContain('separation · JP');
    expect(flows.nodes.some((n) => n.region === 'JP')).toBe(false);
  });

  it('carries each material’s unit on its links', () => {
    const flows = buildFlows(toyRun(), '2030');
    const unit = (s: string, t: string) => flows.links.find((l) => l.source === s && l.target === t)?.unit;
    expect(unit('metal · CN', 'magnet · CN')).toBe('t metal');
    expect(unit('magnet · CN', 'demand · US')).toBe('t magnet');
    expect(unit('mining · US', 'separation · CN')).toBe('t REO');
  });

  it('puts stages in columns, with an extra column where a stage feeds itself, and stock just before its user', () => {
    const depth = Object.fromEntries(buildFlows(toyRun(), '2030').nodes.map((n) => [n.name, n.depth]));
    expect(depth).toMatchObject({
      'mining · CN': 0,
      'mining · US': 0,
      'separation · CN': 1,
      'separation · AU': 1,
      'recycling · CN': 1,
      'separation · MY': 2,
      'metal · CN': 3,
      'stock · CN': 2,
      'magnet · CN': 4,
      'demand · CN': 5,
      'demand · US': 5,
    });
  });

  it('shows only the period asked for', () => {
    expect(linkMap(toyRun(), '2031')).toEqual({
      'mining · CN → separation · CN': 400,
      'separation · CN → metal · CN': 100,
      'metal · CN → magnet · CN': 80,
      'magnet · CN → demand · CN': 250,
    });
    expect(buildFlows(toyRun(), '2040').links).toEqual([]);
  });

  it('infers stock drawn where import_reliance.csv has no row (nothing consumed, only exported)', () => {
    const run = toyRun();
    const r: RunData = {
      ...run,
      production: run.production.filter((p) => p.period === '2031'),
      trade: [
        {
          period: '2031',
          material: 'ndpr-oxide',
          tag: 'cn',
          from_region: 'US',
          to_region: 'CN',
          amount: 5,
          unit: 't REO',
        },
      ],
    };
    expect(linkMap(r, '2031')['stock · US → metal · CN']).toBeCloseTo(5, 9);
    expect(linkMap(r, '2031')['separation · CN → metal · CN']).toBe(100);
  });

  it('drops the smaller link of a loop, so the graph stays acyclic', () => {
    const base = toyRun();
    const run: RunData = {
      ...base,
      production: [
        {
          period: '2030',
          facility: 'a',
          region: 'AU',
          stage: 'separation',
          material: 'mrec',
          tag: 'free',
          amount: 20,
          unit: 't REO',
        },
        {
          period: '2030',
          facility: 'b',
          region: 'MY',
          stage: 'separation',
          material: 'mrec',
          tag: 'free',
          amount: 20,
          unit: 't REO',
        },
      ],
      trade: [
        {
          period: '2030',
          material: 'mrec',
          tag: 'free',
          from_region: 'AU',
          to_region: 'MY',
          amount: 10,
          unit: 't REO',
        },
        {
          period: '2030',
          material: 'mrec',
          tag: 'free',
          from_region: 'MY',
          to_region: 'AU',
          amount: 4,
          unit: 't REO',
        },
      ],
      demand: [],
      importReliance: [],
    };
    const flows = buildFlows(run, '2030');
    expect(flows.droppedCycles).toBe(1);
    expect(flows.links.map((l) => `${l.source} → ${l.target}`)).toEqual([
      'separation · AU → separation · MY',
    ]);
    // Proportional mixing: a = share of AU's hub made in AU, b = share of MY's hub made in AU;
    // a = (20 + 4b) / 24 and b = 10a / 30, so a = 15/17 and b = 5/17. MY uses 20 + 10 − 4 = 26.
    expect(flows.links[0]!.value).toBeCloseTo((26 * 5) / 17, 9);
  });
});

describe('producerStages and consumerStage', () => {
  it('takes the stage making most of a material', () => {
    const stages = producerStages(toyRun());
    expect(stages.get('ndpr-oxide')).toBe('separation'); // 232 t at separation, 10 t recycled
    expect(stages.get('conc-a')).toBe('mining');
    expect(stages.get('magnet')).toBe('magnet');
  });

  it('sends material to the next stage present in the region, else the same stage', () => {
    expect(consumerStage('separation', new Set(['mining', 'metal', 'magnet']))).toBe('metal');
    expect(consumerStage('separation', new Set(['magnet']))).toBe('magnet');
    expect(consumerStage('separation', new Set(['separation']))).toBe('separation');
    expect(consumerStage('recycling', new Set(['separation', 'metal']))).toBe('metal');
    expect(consumerStage('mining', new Set(['mining']))).toBe('mining');
    expect(consumerStage('metal', new Set(['mining']))).toBeUndefined();
  });
});
