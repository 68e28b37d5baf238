/**
 * Typed errors. Every error that reaches a user carries a code and a message that names what is
 * wrong; edges (bot, CLI, tab) map codes to answers and exit codes.
 */

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'round-closed'
  | 'store-unavailable'
  | 'config';

export class TertialError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** one line per problem, e.g. 'rad 4, fält "slut": 2025-02-30 är inget giltigt datum' */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'TertialError';
  }
}

export class ValidationError extends TertialError {
  constructor(message: string, details: string[]) {
    super('invalid-input', message, details);
    this.name = 'ValidationError';
  }
}

export function isTertialError(e: unknown): e is TertialError {
  return e instanceof TertialError;
}
