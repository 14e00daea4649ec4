/** The fields of a scenario file (src/schema/scenario.ts; JSON Schema in schema/scenario.schema.json). */
const FIELDS: [string, string][] = [
  ['name', 'Required. The name runs and reports show.'],
  ['description', 'One line on what the scenario assumes.'],
  [
    'extends',
    'A stored scenario this one builds on (e.g. baseline): its fields are replaced, its lists extended.',
  ],
  ['horizon', '{ start: 2025, end: 2035 }: the years simulated.'],
  ['period', 'year or quarter.'],
  [
    'policies',
    'Policy records added: export_control, tariff, price_floor, origin_requirement, stockpile, cost_shift, collection_target, recycled_content.',
  ],
  ['remove_policies', 'Ids of dataset policies to drop.'],
  ['overrides', 'Changes to dataset records: { table, id, set: { field: value } }.'],
  ['add', 'Records added to dataset tables, by table name (facilities, sources, …).'],
  ['delays', 'Shift start years: { facilities | statuses | regions | stages, years }.'],
  ['cancel', 'Facilities taken out of the run, chosen as for delays (exclude_regions too).'],
  [
    'uncertainty',
    'Uncertain inputs for Monte Carlo: { id, target, facilities | statuses | regions | stages | applications | policies, distribution, each, factor }.',
  ],
];

export function ScenarioHelp() {
  return (
    <aside className="help" aria-label="Scenario fields">
      <h3>Scenario fields</h3>
      <dl>
        {FIELDS.map(([field, text]) => (
          <div key={field}>
            <dt>
              <code>{field}</code>
            </dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p className="caption">
        Every record you add names its <code>source_ids</code> and <code>confidence</code>, as in the dataset.
      </p>
    </aside>
  );
}
