/**
 * Export controls: trade out of the controlling region (and, if extraterritorial, China-touched
 * trade out of any third region) in controlled materials to the controlled destinations is capped
 * at the licensed share of the pre-control flow — the flow of the same period solved without any
 * export control. Months before licences arrive count as an embargo; periods partly covered are
 * pro-rated month by month.
 */
import { z } from 'zod';
import { element, fraction, id, list, MAX_YEARS, numberIn } from '../schema/common.js';
import { coverage } from '../time/series.js';
import { common, endNotBeforeStart, reversedWindow, window } from './record.js';
import {
  type BuildContext,
  current,
  INF,
  type PeriodContext,
  type PolicyKind,
  type PolicyPart,
  sumAt,
} from './types.js';

/** Regions a policy reaches: all, only those listed, or all but those listed. */
export const Destinations = z
  .object({ mode: z.enum(['all', 'only', 'except']), regions: list(id).default([]) })
  .strict();

export const ExportControl = z
  .object({
    type: z.literal('export_control'),
    ...common,
    exporter: id.describe('Controlling region.'),
    elements: list(element).default([]).describe('A material is controlled when it contains any of these.'),
    materials: list(id).default([]).describe('Materials controlled outright.'),
    forms: list(z.enum(['concentrate', 'oxide', 'metal', 'alloy', 'magnet', 'scrap']))
      .default(['oxide', 'metal', 'alloy', 'magnet'])
      .describe(
        'Forms in which a controlled element makes a material controlled (ores are not, by default).',
      ),
    destinations: Destinations.default({ mode: 'all', regions: [] }),
    licensed_share: fraction.describe('Share of the pre-control flow still licensed (0 = embargo).'),
    licensing_delay_months: numberIn(0, 12 * MAX_YEARS, `expected from 0 to ${12 * MAX_YEARS} months`)
      .default(0)
      .describe('Months after the start before any licence is granted.'),
    extraterritorial: z
      .object({
        de_minimis: fraction.default(0.001).describe('Share of China-origin content above which it applies.'),
      })
      .strict()
      .optional()
      .describe('China-touched material re-exported from a third country is controlled too.'),
    ...window,
  })
  .strict()
  .refine(endNotBeforeStart, reversedWindow);
export type ExportControl = z.infer<typeof ExportControl>;

export const exportControl = {
  schema: ExportControl,
  references: [
    { field: 'exporter', table: 'regions' },
    { field: 'materials', table: 'materials' },
    { field: 'destinations.regions', table: 'regions' },
  ],
  problems: (p) =>
    p.elements.length + p.materials.length === 0
      ? [{ field: 'elements', message: 'expected elements or materials to control' }]
      : [],
  build,
  sampling: {
    licensed_share: (p, v) => ({ ...p, licensed_share: Math.min(1, Math.max(0, v)) }),
  },
} satisfies PolicyKind<ExportControl>;

interface CapRow {
  readonly row: number;
  readonly cols: number[];
  readonly material: string;
  readonly thirdCountry: boolean;
}

/** Materials a control covers: those named, and those of the covered forms containing a controlled element. */
export function controlledMaterials(
  p: ExportControl,
  materials: readonly { id: string; form: string; composition: Record<string, number> }[],
): Set<string> {
  const out = new Set(p.materials);
  for (const m of materials) {
    if (!p.forms.includes(m.form as (typeof p.forms)[number])) continue;
    if (p.elements.some((e) => (m.composition[e] ?? 0) > 0)) out.add(m.id);
  }
  return out;
}

function build(p: ExportControl, ctx: BuildContext): PolicyPart {
  const { b } = ctx;
  const controlled = controlledMaterials(p, ctx.materials);
  const reached = (region: string) =>
    region !== p.exporter &&
    (p.destinations.mode === 'all' ||
      (p.destinations.mode === 'only'
        ? p.destinations.regions.includes(region)
        : !p.destinations.regions.includes(region)));
  const groups = new Map<
    string,
    { cols: number[]; material: string; thirdCountry: boolean; from: string; to: string }
  >();
  ctx.routes.forEach((r, i) => {
    if (!controlled.has(r.material) || !reached(r.to)) return;
    const direct = r.from === p.exporter;
    if (!direct && !(p.extraterritorial && r.tag === 'cn')) return;
    const key = `${r.material}|${r.from}|${r.to}`;
    const g = groups.get(key) ?? {
      cols: [],
      material: r.material,
      thirdCountry: !direct,
      from: r.from,
      to: r.to,
    };
    g.cols.push(ctx.routeCol(i));
    groups.set(key, g);
  });
  const rows: CapRow[] = [...groups.values()].map((g) => ({
    row: b.addRow(`control(${p.id},${g.material},${g.from}>${g.to})`),
    cols: g.cols,
    material: g.material,
    thirdCountry: g.thirdCountry,
  }));
  // Rows are added before their columns' entries can be: attach them now.
  for (const r of rows) for (const c of r.cols) b.addEntry(r.row, c, 1);

  const units = new Map(ctx.materials.map((m) => [m.id, m.unit]));
  const reference = new Map<number, number>();
  /** Average share of the pre-control flow allowed over the period. */
  const allowed = (ctx: PeriodContext) =>
    1 -
    coverage(ctx.period, p.start, p.end ?? INF) +
    p.licensed_share * coverage(ctx.period, p.start + p.licensing_delay_months / 12, p.end ?? INF);

  return {
    id: p.id,
    prepare(pc) {
      p = current(pc, p);
      const { inputs } = pc;
      for (const r of rows) {
        inputs.rowLower[r.row] = -INF;
        inputs.rowUpper[r.row] = INF;
      }
      reference.clear();
    },
    wantsReference: (ctx) => rows.length > 0 && coverage(ctx.period, p.start, p.end ?? INF) > 0,
    capFromReference(ctx, x) {
      const share = allowed(ctx);
      for (const r of rows) {
        const ref = sumAt(x, r.cols);
        reference.set(r.row, ref);
        ctx.inputs.rowUpper[r.row] = share * ref;
      }
    },
    report(ctx, s) {
      if (coverage(ctx.period, p.start, p.end ?? INF) === 0) return [];
      const byMaterial = new Map<string, { ref: number; actual: number }>();
      for (const r of rows) {
        const m = byMaterial.get(r.material) ?? { ref: 0, actual: 0 };
        m.ref += reference.get(r.row) ?? 0;
        m.actual += sumAt(s.colValue, r.cols);
        byMaterial.set(r.material, m);
      }
      const out = [
        { policy: p.id, metric: 'licensed share of pre-control flow', value: allowed(ctx), unit: 'share' },
      ];
      for (const [material, m] of byMaterial) {
        const unit = units.get(material) ?? '';
        out.push({ policy: p.id, metric: `pre-control exports ${material}`, value: m.ref, unit });
        out.push({ policy: p.id, metric: `exports ${material}`, value: m.actual, unit });
        out.push({ policy: p.id, metric: `blocked ${material}`, value: Math.max(0, m.ref - m.actual), unit });
      }
      return out;
    },
  };
}
