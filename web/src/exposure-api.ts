/**
 * The exposure API's client. Exposure files are private to a token, so every request here (reads
 * too) carries one: the workbench token when the server has tokens, else a key this browser made up
 * once and keeps (it names you to a server that is open on loopback).
 */
import { type Problem, type Run, request, token } from './api';
import type { TableJson } from './charts/exposureCharts';

export interface ExposureSummary {
  id: string;
  company: string;
  created_at: string;
  updated_at: string;
}
export interface Exposure extends ExposureSummary {
  yaml: string;
}
export type ExposureRun = Omit<Run, 'kind'> & { kind: string };

const KEY = 'lodestone-exposure-key';

/** The token exposure requests carry. */
export function exposureToken(): string {
  const given = token.get();
  if (given) return given;
  let key = localStorage.getItem(KEY);
  if (!key) {
    key = `browser-${crypto.randomUUID()}`;
    localStorage.setItem(KEY, key);
  }
  return key;
}

const send = <T>(method: string, path: string, body?: unknown, signal?: AbortSignal) =>
  request<T>(method, path, body, signal, exposureToken());

const enc = encodeURIComponent;

export const exposureApi = {
  list: (s?: AbortSignal) => send<ExposureSummary[]>('GET', '/exposures', undefined, s),
  get: (id: string, s?: AbortSignal) => send<Exposure>('GET', `/exposures/${enc(id)}`, undefined, s),
  validate: (yaml: string) =>
    send<{ ok: boolean; problems: Problem[]; warnings: Problem[] }>('POST', '/exposures/validate', { yaml }),
  create: (yaml: string) => send<Exposure>('POST', '/exposures', { yaml }),
  save: (id: string, yaml: string) => send<Exposure>('PUT', `/exposures/${enc(id)}`, { yaml }),
  remove: (id: string) => send<void>('DELETE', `/exposures/${enc(id)}`),
  runs: (id: string, s?: AbortSignal) =>
    send<ExposureRun[]>('GET', `/exposures/${enc(id)}/runs`, undefined, s),
  start: (id: string, o: { scenarios: string[]; draws?: number }) =>
    send<ExposureRun>('POST', `/exposures/${enc(id)}/runs`, o),
  run: (id: string, s?: AbortSignal) => send<ExposureRun>('GET', `/runs/${enc(id)}`, undefined, s),
  table: (run: string, name: string, s?: AbortSignal) =>
    send<TableJson>('GET', `/runs/${enc(run)}/tables/${enc(name)}`, undefined, s),
};
