import { errors } from '@strapi/utils';

/**
 * A 409: what the request asks for collides with what exists (a duplicate post). Strapi's error classes
 * have no 409; Strapi's error middleware answers any error carrying an exposed 4xx `status` with that status
 * and message (through http-errors).
 */
export class ConflictError extends Error {
  readonly status = 409;
  readonly expose = true;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * A 403 that keeps its message. Strapi 5.54 answers a bare "Forbidden" for any ForbiddenError a content-API
 * handler throws (its authorize middleware wraps the handler and catches them); PolicyError, a
 * ForbiddenError, is let through with its message.
 */
export const forbidden = (message: string): Error => new errors.PolicyError(message);
