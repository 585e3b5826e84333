/** The shape of an account as an admin creates it over the API or the pages. */
import * as z from 'zod';
import { ROLES } from './permissions.ts';
import { SlugSchema } from './schema-primitives.ts';
import { lazySchema } from './lazy.ts';

/** The strength rule of every password, at creation, change and reset alike. */
export const PasswordSchema = lazySchema(() =>
  z.string().min(12, 'at least 12 characters').max(200),
);

/** Where one-time sign-in links go: kept in lower case, so one mailbox is one account whatever the case typed. */
export const AccountEmailSchema = lazySchema(() =>
  z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
);

export const NewAccountSchema = lazySchema(() =>
  z.strictObject({
    /** A slug; `admin` names the bootstrap token in the audit log and is not an account. */
    id: SlugSchema.refine((id) => id !== 'admin', 'admin is the bootstrap token, not an account'),
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    /** Required for every role but system admin; an organisation admin may leave it out (their own). */
    organisationId: SlugSchema.optional(),
    /** The rosters a roster manager manages. */
    rosters: z.array(SlugSchema).max(200).default([]),
    /** Optional: an account without one uses API tokens only. */
    password: PasswordSchema.optional(),
    /** Optional: where one-time sign-in links go. */
    email: AccountEmailSchema.optional(),
  }),
);

export type NewAccount = z.infer<typeof NewAccountSchema>;

/** Changing an account's e-mail address; null removes it. */
export const AccountEmailChangeSchema = lazySchema(() =>
  z.strictObject({ email: AccountEmailSchema.nullable() }),
);

export type AccountEmailChange = z.infer<typeof AccountEmailChangeSchema>;

export const NewApiTokenSchema = lazySchema(() =>
  z.strictObject({
    label: z.string().trim().min(1).max(120),
  }),
);

/** A new password typed twice, as the pages ask for it: a slip of the finger is caught before it locks anyone out. */
const typedTwice = (input: { password: string; repeat: string }) => input.password === input.repeat;
const REPEAT_DIFFERS = {
  message: 'the two new passwords differ',
  path: ['repeat'],
  params: { code: 'passwords-differ' },
};

/** An account changing its own password: the current one proves it is its owner, not a borrowed session. */
export const PasswordChangeSchema = lazySchema(() =>
  z
    .strictObject({
      current: z.string().min(1).max(200),
      password: PasswordSchema,
      repeat: z.string().max(200),
    })
    .refine(typedTwice, REPEAT_DIFFERS),
);

export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** An admin setting another account's password. */
export const PasswordResetSchema = lazySchema(() =>
  z
    .strictObject({ password: PasswordSchema, repeat: z.string().max(200) })
    .refine(typedTwice, REPEAT_DIFFERS),
);

export type PasswordReset = z.infer<typeof PasswordResetSchema>;
