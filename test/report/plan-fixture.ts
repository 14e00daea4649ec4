/** A plan's files as `lodestone plan --out` writes them (src/plan/plan-output.ts), for the report's plan section. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PLAN = `candidate,kind,region,stage,process,year,decision_year,size,unit,capex_usd
us-sep-new,greenfield,US,separation,separate,2027,2026,3000,t oxide/yr,180000000
us-magnet-new,greenfield,US,magnet,make-magnet,2028,2026,5000,t magnet/yr,750000000
us-magnet-new,greenfield,US,magnet,make-magnet,2030,2028,1000,t magnet/yr,150000000
`;
export const SUMMARY = `metric,value,unit
bloc,US,
target,0.5,share of demand served free
by,2028,year
discount_rate,0.07,per year
integer,false,
target_scope,node,node: each demand node of the bloc; bloc: its demand as a whole
total_capex,1080000000,USD
npv_system_cost,2500000000,USD (discounted to the horizon start)
premium,400000000,USD
cost_per_free_tonne,12000,USD/t (premium per extra tonne served free)
solver_status,Optimal,unconstrained: Optimal
policy_not_as_run,us-stockpile,stockpile: left out: its release depends on earlier periods
policy_not_as_run,eu-stockpile,stockpile: left out: its release depends on earlier periods
policy_not_as_run,cn-controls,"export_control: in, with its caps fixed"
`;
export const VALUES = `project,facility,region,process,built,unit,cost_if_cancelled_usd,cost_if_two_years_late_usd,note
project-vulcan,vulcan,US,make-magnet,10000,t magnet/yr,52000000,,empty: the target cannot be met that way
`;
export const SWEEP = `bloc,target,by,status,total_capex_usd,npv_usd,premium_usd
US,0.5,2028,Optimal,100000000,900000000,20000000
US,1,2028,Infeasible,,,
US,0.5,2030,Optimal,80000000,880000000,10000000
US,1,2030,Optimal,300000000,1000000000,150000000
`;

/** Writes plan.csv, plan_summary.csv, project_value.csv and plan_sweep.csv into a folder. */
export function writePlanFiles(dir: string): void {
  writeFileSync(join(dir, 'plan.csv'), PLAN);
  writeFileSync(join(dir, 'plan_summary.csv'), SUMMARY);
  writeFileSync(join(dir, 'project_value.csv'), VALUES);
  writeFileSync(join(dir, 'plan_sweep.csv'), SWEEP);
}
