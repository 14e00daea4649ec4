/** Scenarios: list, read, create, replace, delete, and validate without saving. */

import { z } from 'zod';
import {
  CreateScenario,
  errors,
  IdParam,
  ReplaceScenario,
  Scenario,
  ScenarioSummary,
  ValidateScenario,
  Validation,
} from '../schemas.js';
import type { Context } from '../services/context.js';
import {
  createScenario,
  removeScenario,
  replaceScenario,
  scenario,
  scenarioList,
  validate,
} from '../services/scenarios.js';
import type { ZodApp } from './types.js';

const tags = ['scenarios'];

export function scenarioRoutes(app: ZodApp, ctx: Context): void {
  app.get(
    '/api/scenarios',
    { schema: { tags, summary: 'Stored scenarios', response: { 200: z.array(ScenarioSummary) } } },
    () => scenarioList(ctx),
  );
  app.get(
    '/api/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'One scenario with its YAML',
        params: IdParam,
        response: { 200: Scenario, ...errors },
      },
    },
    (req) => scenario(ctx, req.params.id),
  );
  app.post(
    '/api/scenarios',
    {
      config: { write: true },
      schema: {
        tags,
        summary: 'Create a scenario (validated first: 422 lists every problem with its line)',
        body: CreateScenario,
        response: { 201: Scenario, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createScenario(ctx, req.body.id, req.body.yaml)),
  );
  app.put(
    '/api/scenarios/:id',
    {
      config: { write: true },
      schema: {
        tags,
        summary: 'Replace a scenario’s YAML (validated first)',
        params: IdParam,
        body: ReplaceScenario,
        response: { 200: Scenario, ...errors },
      },
    },
    (req) => replaceScenario(ctx, req.params.id, req.body.yaml),
  );
  app.delete(
    '/api/scenarios/:id',
    {
      config: { write: true },
      schema: {
        tags,
        summary: 'Delete a scenario (409 while others extend it)',
        params: IdParam,
        response: { 204: z.null().describe('Deleted'), ...errors },
      },
    },
    async (req, reply) => {
      await removeScenario(ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/scenarios/validate',
    {
      // Not a change, but as costly as one: kept to token holders, as every POST always was.
      config: { write: true },
      schema: {
        tags,
        summary: 'Validate a scenario without saving it: problems with file, line, field and message',
        body: ValidateScenario,
        response: { 200: Validation, ...errors },
      },
    },
    (req) => validate(ctx, { id: req.body.id ?? 'draft', yaml: req.body.yaml }),
  );
}
