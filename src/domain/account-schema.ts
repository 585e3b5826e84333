/** The shape of an account as an admin creates it over the API or the pages. */
import * as z from 'zod';
import { ROLES } from './permissions.ts';
import { SlugSchema } from './schema-primitives.ts';

export const NewAccountSchema = z.strictObject({
  /** A slug; `admin` names the bootstrap token in the audit log and is not an account. */
  id: SlugSchema.refine((id) => id !== 'admin', 'admin is the bootstrap token, not an account'),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  /** Required for every role but system admin; an organisation admin may leave it out (their own). */
  organisationId: SlugSchema.optional(),
  /** The rosters a roster manager manages. */
  rosters: z.array(SlugSchema).max(200).default([]),
  /** Optional: an account without one uses API tokens only. */
  password: z.string().min(12, 'at least 12 characters').max(200).optional(),
});

export type NewAccount = z.infer<typeof NewAccountSchema>;

export const NewApiTokenSchema = z.strictObject({
  label: z.string().trim().min(1).max(120),
});
