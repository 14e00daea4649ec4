/** The workbench's first page: each scenario's bloc answers from its latest finished run. */
import { z } from 'zod';
import { answers } from '../services/answers.js';
import type { Context } from '../services/context.js';
import type { ZodApp } from './types.js';

const share = z.number().nullable();
const BlocAnswer = z.object({
  bloc: z.string(),
  served: z
    .array(share)
    .readonly()
    .describe('Share of the bloc’s demand served free in the run, per period.'),
  potential: z
    .array(share)
    .readonly()
    .describe(
      'The most that could be served free while every other region keeps its free supply, per period.',
    ),
  upper_bound: z
    .array(share)
    .readonly()
    .describe('With first call on all free capacity in the world (not additive across blocs), per period.'),
  fully_served: z.string().nullable().describe('First period the potential reaches 100%.'),
});
const ScenarioAnswers = z
  .object({
    scenario: z.string(),
    name: z.string(),
    description: z.string(),
    run: z
      .object({
        id: z.string(),
        finished_at: z.string().nullable(),
        taint: z.object({ set: z.string(), name: z.string(), regions: z.array(z.string()).readonly() }),
        free: z.string(),
        periods: z.array(z.string()).readonly(),
        blocs: z.array(BlocAnswer).readonly(),
      })
      .nullable(),
    active: z.object({ id: z.string(), status: z.string() }).nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'ScenarioAnswers' });

export function answerRoutes(app: ZodApp, ctx: Context): void {
  app.get(
    '/api/answers',
    {
      schema: {
        tags: ['results'],
        summary:
          'Per stored scenario, its latest finished run’s bloc answers: served, potential and upper-bound free shares per period, and the first period fully served',
        response: { 200: z.array(ScenarioAnswers) },
      },
    },
    () => answers(ctx),
  );
}
