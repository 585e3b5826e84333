/**
 * Transport-neutral errors of the services. The HTTP layer maps each kind to a status and a problem+json body in
 * one place; the CLI prints the message.
 */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `to` or `members.0.fullName`. */
  field: string;
  message: string;
}

export type ServiceErrorKind =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'read-only'
  | 'precondition-failed'
  | 'precondition-required'
  | 'gone'
  | 'forbidden';

export class ServiceError extends Error {
  readonly kind: ServiceErrorKind;
  readonly fields: FieldProblem[];

  constructor(kind: ServiceErrorKind, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.kind = kind;
    this.fields = fields;
  }
}

export const notFound = (what: string) => new ServiceError('not-found', `${what} does not exist`);
export const invalid = (message: string, fields: FieldProblem[]) =>
  new ServiceError('validation', message, fields);
export const forbidden = (message: string) => new ServiceError('forbidden', message);
export const conflict = (message: string, fields: FieldProblem[] = []) =>
  new ServiceError('conflict', message, fields);
