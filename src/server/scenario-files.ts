/**
 * Stored scenarios become files again for the loader: each scenario of an `extends` chain is written
 * as `<id>.yaml` into a folder, with `extends` naming its parent's file and `dataset` its folder. Only
 * those values are replaced, in place, so every line number in a message still matches what the
 * author wrote. Problems come back naming `scenarios/<id>` instead of the temporary file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isScalar, parseDocument } from 'yaml';
import { InputError, type Problem } from '../dataset/problems.js';

export interface ScenarioText {
  readonly id: string;
  readonly yaml: string;
}

/** Where stored scenarios and datasets' folders are looked up while a chain is written. */
export interface ScenarioLookup {
  scenario(id: string): Promise<ScenarioText | undefined>;
  /** The folder holding a stored dataset's files; undefined when the id is unknown. */
  datasetDir(id: string): Promise<string | undefined>;
}

/** What a listing needs from a scenario's YAML (no validation: that is the loader's job). */
export function describeYaml(yaml: string): { name: string; description: string; extends: string | null } {
  const doc = parseDocument(yaml);
  const value = doc.errors.length === 0 ? (doc.toJS() as unknown) : undefined;
  const o = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    name: text(o.name),
    description: text(o.description),
    extends: typeof o.extends === 'string' ? parentId(o.extends) : null,
  };
}

/** The dataset a scenario's YAML names itself (not through `extends`), if any. */
export function datasetNamed(yaml: string): string | undefined {
  const doc = parseDocument(yaml);
  const value = doc.errors.length === 0 ? doc.get('dataset') : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `extends: baseline.yaml` and `extends: baseline` both name the stored scenario "baseline". */
export const parentId = (value: string): string => value.replace(/\.ya?ml$/i, '');

const where = (id: string) => `scenarios/${id}`;

/** Writes the chain starting at `head` into a new temporary folder; returns the head's file and a cleanup. */
export async function writeScenarioChain(
  head: ScenarioText,
  lookup: ScenarioLookup,
): Promise<{ file: string; dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-scenario-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const seen: string[] = [];
    let current: ScenarioText | undefined = head;
    while (current) {
      if (seen.includes(current.id)) {
        throw new InputError([
          {
            severity: 'error',
            file: where(current.id),
            field: 'extends',
            message: `scenarios extend each other in a cycle: ${[...seen, current.id].join(' → ')}`,
          },
        ]);
      }
      seen.push(current.id);
      const { text, parent } = await rewrite(current, lookup);
      writeFileSync(join(dir, `${current.id}.yaml`), text);
      current = parent;
    }
    return { file: join(dir, `${head.id}.yaml`), dir, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

async function rewrite(
  s: ScenarioText,
  lookup: ScenarioLookup,
): Promise<{ text: string; parent: ScenarioText | undefined }> {
  const doc = parseDocument(s.yaml, { keepSourceTokens: false });
  // Broken YAML is written unchanged: the loader reports it with its line.
  if (doc.errors.length > 0 || !doc.contents || typeof doc.toJS() !== 'object')
    return { text: s.yaml, parent: undefined };
  const edits: { start: number; end: number; value: string }[] = [];
  const lineOf = (offset: number) => s.yaml.slice(0, offset).split('\n').length;
  let parent: ScenarioText | undefined;

  const ext = doc.get('extends', true);
  if (isScalar(ext) && typeof ext.value === 'string' && ext.range) {
    const id = parentId(ext.value);
    parent = await lookup.scenario(id);
    if (!parent) {
      throw new InputError([
        {
          severity: 'error',
          file: where(s.id),
          line: lineOf(ext.range[0]),
          field: 'extends',
          message: `no stored scenario "${id}" to extend`,
        },
      ]);
    }
    edits.push({ start: ext.range[0], end: ext.range[1], value: JSON.stringify(`${id}.yaml`) });
  }
  const ds = doc.get('dataset', true);
  if (isScalar(ds) && typeof ds.value === 'string' && ds.range) {
    const folder = await lookup.datasetDir(ds.value);
    if (!folder) {
      throw new InputError([
        {
          severity: 'error',
          file: where(s.id),
          line: lineOf(ds.range[0]),
          field: 'dataset',
          message: `no dataset "${ds.value}" on this server (see GET /api/datasets)`,
        },
      ]);
    }
    edits.push({ start: ds.range[0], end: ds.range[1], value: JSON.stringify(folder) });
  }
  let text = s.yaml;
  for (const e of edits.sort((a, b) => b.start - a.start))
    text = text.slice(0, e.start) + e.value + text.slice(e.end);
  return { text, parent };
}

/** Problems name `scenarios/<id>` (with the author's line numbers) instead of the temporary files. */
export function mapProblems(problems: readonly Problem[], dir: string): Problem[] {
  const prefix = `${dir}/`;
  return problems.map((p) =>
    p.file.startsWith(prefix) ? { ...p, file: where(p.file.slice(prefix.length).replace(/\.yaml$/, '')) } : p,
  );
}
