/**
 * Day-to-day facts about a roster: absences (someone is on leave or in training), overrides (an admin names who
 * serves a slot) and swaps (two slots exchange their members). Dates are inclusive. The store adds ids and authors.
 */
import * as z from 'zod';
import { IsoDateSchema, noteText, SlugSchema } from './schema-primitives.ts';
import { PositionSchema } from './roster-schema.ts';
import { lazySchema } from './lazy.ts';

export const AbsenceReasonSchema = lazySchema(() =>
  z
    .enum(['leave', 'training', 'sick', 'personal', 'business', 'other'])
    .describe(
      'leave: nghỉ phép; training: học tập, bồi dưỡng; sick: nghỉ ốm; personal: nghỉ việc riêng; business: đi công tác; other: vắng. sick, personal and other are shown as "vắng" except to the absent member and the roster\'s managers',
    ),
);

export const AbsenceSchema = lazySchema(() =>
  z
    .object({
      memberId: SlugSchema,
      from: IsoDateSchema,
      to: IsoDateSchema,
      reason: AbsenceReasonSchema,
      note: noteText().optional(),
    })
    .refine((absence) => absence.to >= absence.from, {
      message: '`to` is before `from`',
      path: ['to'],
      params: { code: 'to-before-from' },
    }),
);

export const SlotRefSchema = lazySchema(() =>
  z.object({
    date: IsoDateSchema,
    position: PositionSchema.optional().describe('Needed only when the day has more than one slot'),
  }),
);

export const OverrideSchema = lazySchema(() =>
  SlotRefSchema.extend({
    memberId: SlugSchema,
    note: noteText().optional(),
  }),
);

export const SwapSchema = lazySchema(() =>
  z.object({
    first: SlotRefSchema,
    second: SlotRefSchema,
    note: noteText().optional(),
  }),
);

export const AbsenceListSchema = lazySchema(() => z.array(AbsenceSchema));

export type AbsenceReason = z.infer<typeof AbsenceReasonSchema>;
export type Absence = z.infer<typeof AbsenceSchema>;
export type Override = z.infer<typeof OverrideSchema>;
export type Swap = z.infer<typeof SwapSchema>;
export type SlotRef = z.infer<typeof SlotRefSchema>;

/** Everything besides the roster itself that decides who serves. */
export interface RosterFacts {
  absences: readonly Absence[];
  overrides: readonly Override[];
  swaps: readonly Swap[];
}

export const NO_FACTS: RosterFacts = { absences: [], overrides: [], swaps: [] };
