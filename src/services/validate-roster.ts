/** Validating a roster document from a request: every problem becomes a field problem of one validation error. */
import { contentHash } from '../domain/hash.ts';
import { type Roster, RosterSchema } from '../domain/roster-schema.ts';
import { invalid, zodFieldProblems } from './errors.ts';

export function validateRoster(input: unknown): Roster {
  const result = RosterSchema.safeParse(input);
  if (result.success) return result.data;
  throw invalid('the roster is not valid', zodFieldProblems(result.error, input), {
    code: 'roster-invalid',
  });
}

/** The hash of a definition, stable across key order changes that JSON.stringify of a parsed value would not make. */
export function definitionHash(roster: Roster): string {
  return contentHash(JSON.stringify(roster));
}
