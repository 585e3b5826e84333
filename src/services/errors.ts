/**
 * Transport-neutral errors of the services. The HTTP layer maps each kind to a status and a problem+json body in
 * one place; the CLI prints the message. A `code` with its `params` (ids and ISO dates, never words) lets the web
 * pages say the same thing in Vietnamese with people's names and dd/MM/yyyy (see http/pages/messages.ts).
 */
import type * as z from 'zod';

export type MessageParams = Record<string, string | number>;

export interface FieldProblem {
  /** Dotted path of the field, e.g. `to` or `members.0.fullName`. */
  field: string;
  message: string;
  code?: string | undefined;
  params?: MessageParams | undefined;
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
  readonly code: string | undefined;
  readonly params: MessageParams;

  constructor(
    kind: ServiceErrorKind,
    message: string,
    fields: FieldProblem[] = [],
    coded: { code: string; params?: MessageParams } | undefined = undefined,
  ) {
    super(message);
    this.kind = kind;
    this.fields = fields;
    this.code = coded?.code;
    this.params = coded?.params ?? {};
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = (at as Record<PropertyKey, unknown> | undefined)?.[key];
  return at;
}

/** A refinement's own `params` (`code` and its params), else zod's code: what the pages translate. */
function issueCode(
  issue: z.core.$ZodIssue,
  input: unknown,
): Omit<FieldProblem, 'field' | 'message'> {
  if (issue.code === 'custom' && typeof issue.params?.code === 'string') {
    const { code, ...params } = issue.params as { code: string } & MessageParams;
    return { code, params };
  }
  if (input === undefined || (typeof input === 'string' && input.trim() === ''))
    return { code: 'required' };
  if (issue.code === 'too_big') return { code: 'too-long', params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_small' && issue.origin === 'string')
    return { code: 'too-short', params: { min: Number(issue.minimum) } };
  return { code: `zod-${issue.code}` };
}

/** The issues of a failed parse of `input` as field problems; `skip` drops leading path parts. */
export function zodFieldProblems(error: z.ZodError, input: unknown, skip = 0): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.slice(skip).map(String).join('.'),
    message: issue.message,
    ...issueCode(issue, valueAt(input, issue.path)),
  }));
}

/** What an API client sees of a field problem: the field and the English message. */
export const publicFields = (fields: readonly FieldProblem[]) =>
  fields.map(({ field, message }) => ({ field, message }));

export const notFound = (what: string, params: MessageParams = {}) =>
  new ServiceError('not-found', `${what} does not exist`, [], { code: 'not-found', params });
export const invalid = (
  message: string,
  fields: FieldProblem[],
  coded?: { code: string; params?: MessageParams },
) => new ServiceError('validation', message, fields, coded);
export const conflict = (
  message: string,
  fields: FieldProblem[] = [],
  coded?: { code: string; params?: MessageParams },
) => new ServiceError('conflict', message, fields, coded);
export const forbidden = (message: string, coded?: { code: string; params?: MessageParams }) =>
  new ServiceError('forbidden', message, [], coded);
