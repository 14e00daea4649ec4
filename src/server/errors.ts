/** Errors the API answers with a 4xx: each names what was wrong and, for input, every problem found. */
import type { Problem } from '../dataset/problems.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: readonly Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, 'not_found', `no ${what} "${id}"`);

export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message);

export const badRequest = (field: string, message: string): ApiError =>
  new ApiError(400, 'bad_request', `${field}: ${message}`, [
    { severity: 'error', file: 'request', field, message },
  ]);
