/**
 * The in-use stocks of a run: per region, application and origin tag, magnets served join a cohort;
 * each period the cohorts' end-of-life outflow is collected at the collection rate and arrives as
 * scrap in the region's hub before the period is solved, where recycling facilities can use it.
 * Historic cohorts (tagged China-touched: almost all magnets in use before 2025 were made in China)
 * come from the dataset's demand, back-cast where needed.
 */
import type { Dataset } from '../dataset/types.js';
import { byYear, demandSeries } from '../model/demand.js';
import type { InUseRow, PeriodResult } from '../results/types.js';
import type { Tag } from '../schema/common.js';
import type { Period } from '../time/periods.js';
import { collectionSchedule } from './collection-rate.js';
import { historicDemandSorted } from './history.js';
import { CohortHistory, InUseStock } from './in-use-stock.js';
import { type Lifetime, meanLifetime, survival } from './survival.js';

export interface ScrapArrival {
  readonly region: string;
  readonly material: string;
  readonly tag: Tag;
  readonly amount: number;
}

interface Node extends HistoryNode {
  readonly stocks: Record<Tag, InUseStock>;
  readonly rate: (period: Period) => number;
  eol: Record<Tag, number>;
  collected: Record<Tag, number>;
}

/** What one node's stocks start from. */
interface HistoryNode {
  readonly region: string;
  readonly application: string;
  readonly eolMaterial: string;
  /** `region|eolMaterial`: where its scrap goes. */
  readonly scrapKey: string;
  readonly sf: (age: number) => number;
  readonly history: CohortHistory;
}

export function lifetimeOf(a: Dataset['applications'][number]): Lifetime | undefined {
  switch (a.lifetime) {
    case 'fixed':
      return { type: 'fixed', mean: a.lifetime_mean! };
    case 'normal':
    case 'lognormal':
      return { type: a.lifetime, mean: a.lifetime_mean!, sd: a.lifetime_sd! };
    case 'weibull':
      return { type: 'weibull', shape: a.lifetime_shape!, scale: a.lifetime_scale! };
    default:
      return undefined;
  }
}

/**
 * What a run's in-use stocks start from: per region and application, its survival function and the
 * cohorts that entered before the run (their sums remembered). It depends on the dataset's demand,
 * applications and the first year only, so runs on the same demand share one: a Monte Carlo draw's
 * run and its bloc re-solves (src/simulate/run-data.ts).
 */
export interface StockHistory {
  readonly firstYear: number;
  readonly nodes: readonly HistoryNode[];
}

export function stockHistory(dataset: Dataset, firstYear: number): StockHistory {
  const apps = new Map(dataset.applications.map((a) => [a.id, a]));
  const survivals = new Map<string, (age: number) => number>();
  const byNode = new Map<string, ReturnType<typeof demandSeries>>();
  for (const s of demandSeries(dataset.demand)) {
    const k = `${s.region}|${s.application}`;
    const list = byNode.get(k) ?? [];
    list.push(s);
    byNode.set(k, list);
  }
  const nodes: HistoryNode[] = [];
  for (const [k, series] of byNode) {
    const [region, application] = k.split('|') as [string, string];
    const app = apps.get(application)!;
    const lifetime = lifetimeOf(app);
    if (!lifetime || !app.eol_material) continue;
    let sf = survivals.get(app.id);
    if (!sf) {
      sf = remembered(survival(lifetime));
      survivals.set(app.id, sf);
    }
    const years = Math.min(100, Math.ceil(4 * meanLifetime(lifetime)));
    const sorted = series.map((x) => byYear(x.rows));
    const history = [];
    for (let y = firstYear - years; y < firstYear; y++) {
      history.push({ time: y, inflow: sorted.reduce((s, rows) => s + historicDemandSorted(rows, y), 0) });
    }
    nodes.push({
      region,
      application,
      eolMaterial: app.eol_material,
      scrapKey: `${region}|${app.eol_material}`,
      sf,
      history: new CohortHistory(sf, history),
    });
  }
  return { firstYear, nodes };
}

/**
 * A survival function that remembers its values: the same ages (whole years, or quarters) come
 * back every period, and each costs an erf or exp.
 */
function remembered(f: (age: number) => number): (age: number) => number {
  const known = new Map<number, number>();
  return (age) => {
    let v = known.get(age);
    if (v === undefined) {
      v = f(age);
      known.set(age, v);
    }
    return v;
  };
}

export class StockModel {
  private readonly nodes: Node[];
  private readonly scrapMaterials: Set<string>;
  private grouping: { keys: [string, string][]; rows: number[][] } | undefined;

  /** `units`: the canonical unit of each material. */
  constructor(
    dataset: Dataset,
    history: StockHistory,
    private readonly units: ReadonlyMap<string, string>,
  ) {
    this.nodes = history.nodes.map((t) => ({
      ...t,
      stocks: { free: new InUseStock(t.sf), cn: new InUseStock(t.sf, t.history) },
      rate: collectionSchedule(dataset, t.region, t.application),
      eol: { free: 0, cn: 0 },
      collected: { free: 0, cn: 0 },
    }));
    this.scrapMaterials = new Set(this.nodes.map((n) => n.eolMaterial));
  }

  /** End of life in the period before it is solved: scrap collected into the hubs. */
  arrivals(period: Period): ScrapArrival[] {
    const out: ScrapArrival[] = [];
    for (const n of this.nodes) {
      const rate = n.rate(period);
      for (const tag of ['free', 'cn'] as const) {
        n.eol[tag] = n.stocks[tag].outflow(period.start, period.length);
        n.collected[tag] = n.eol[tag] * rate;
        if (n.collected[tag] > 0)
          out.push({ region: n.region, material: n.eolMaterial, tag, amount: n.collected[tag] });
      }
    }
    return out;
  }

  /** After the solve: what was served joins the stock. Returns the period's stock rows. */
  advance(period: Period, result: Pick<PeriodResult, 'consumption' | 'demand'>): InUseRow[] {
    // Scrap consumed by recycling in each region, shared among applications by what they delivered.
    const used = new Map<string, number>();
    for (const c of result.consumption) {
      if (!this.scrapMaterials.has(c.material)) continue;
      const k = `${c.region}|${c.material}`;
      used.set(k, (used.get(k) ?? 0) + c.amount);
    }
    const delivered = new Map<string, number>();
    for (const n of this.nodes)
      delivered.set(n.scrapKey, (delivered.get(n.scrapKey) ?? 0) + n.collected.free + n.collected.cn);
    const rows = this.demandRows(result.demand);
    return this.nodes.map((n, i) => {
      const served = rows[i]!.map((j) => result.demand[j]!);
      const free = served.reduce((s, d) => s + d.served_free, 0);
      const cn = served.reduce((s, d) => s + d.served_cn, 0);
      n.stocks.free.add(period.start, free);
      n.stocks.cn.add(period.start, cn);
      const k = n.scrapKey;
      const collected = n.collected.free + n.collected.cn;
      const share = (delivered.get(k) ?? 0) > 0 ? collected / delivered.get(k)! : 0;
      return {
        region: n.region,
        application: n.application,
        in_use: n.stocks.free.stockAt(period.start) + n.stocks.cn.stockAt(period.start),
        inflow: free + cn,
        eol: n.eol.free + n.eol.cn,
        collected,
        recycled: Math.min(collected, (used.get(k) ?? 0) * share),
        unit: this.units.get(served[0]?.material ?? '') ?? 't magnet',
      };
    });
  }

  /**
   * Positions of each node's rows in a period's demand rows: the same every period of a run (the
   * rows follow the network's demand nodes), so grouped once and reused while the rows' regions and
   * applications stay the same.
   */
  private demandRows(demand: PeriodResult['demand']): readonly number[][] {
    const known = this.grouping;
    if (
      known &&
      known.keys.length === demand.length &&
      demand.every((d, j) => d.region === known.keys[j]![0] && d.application === known.keys[j]![1])
    )
      return known.rows;
    const byNode = new Map<string, number[]>();
    demand.forEach((d, j) => {
      const k = `${d.region}|${d.application}`;
      const list = byNode.get(k);
      if (list) list.push(j);
      else byNode.set(k, [j]);
    });
    const rows = this.nodes.map((n) => byNode.get(`${n.region}|${n.application}`) ?? []);
    this.grouping = { keys: demand.map((d) => [d.region, d.application]), rows };
    return rows;
  }
}
