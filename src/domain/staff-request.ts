/**
 * Requests officers make themselves from their staff page: an absence, or a swap of one of their duties with a
 * colleague's. A swap is first `proposed` (the colleague accepts it on their own page); an absence, and an accepted
 * swap, are `pending` until a roster manager approves or declines them (a roster may let accepted swaps through
 * without approval). The requester may withdraw a request nobody has decided yet.
 */
import * as z from 'zod';
import { AbsenceReasonSchema, type Absence, type Swap } from './facts-schema.ts';
import { IsoDateSchema, lineText, noteText } from './schema-primitives.ts';
import { lazySchema } from './lazy.ts';

export type RequestState = 'proposed' | 'pending' | 'approved' | 'declined' | 'withdrawn';

/** States in which nothing has been decided: the requester may still withdraw. */
export const OPEN_STATES: readonly RequestState[] = ['proposed', 'pending'];

export type RequestDetail = { kind: 'absence'; absence: Absence } | { kind: 'swap'; swap: Swap };

export interface StaffRequest {
  id: string;
  rosterId: string;
  /** Who asks. */
  memberId: string;
  /** For a swap: the colleague whose duty is exchanged. */
  colleagueId: string | null;
  detail: RequestDetail;
  state: RequestState;
  decisionReason: string | null;
  decidedBy: string | null;
  /** The absence or swap an approval recorded. */
  factId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the staff page's absence form posts. */
export const AbsenceRequestSchema = lazySchema(() =>
  z
    .object({
      rosterId: z.string().min(1).max(100),
      from: IsoDateSchema,
      to: IsoDateSchema,
      reason: AbsenceReasonSchema,
      note: noteText().optional(),
    })
    .refine((input) => input.to >= input.from, { message: '`to` is before `from`', path: ['to'] }),
);

/** What the staff page's swap form posts: one of the officer's duties, and a colleague's duty to take instead. */
export const SwapRequestSchema = lazySchema(() =>
  z.object({
    rosterId: z.string().min(1).max(100),
    /** The officer's own duty, as `date/position` (the form lists their coming duties). */
    mine: z.string().regex(/^\d{4}-\d{2}-\d{2}\/(primary|backup)$/, 'choose one of your duties'),
    colleagueId: z.string().min(1).max(100),
    /** The day of the colleague's duty the officer takes in exchange. */
    theirs: IsoDateSchema,
    note: noteText().optional(),
  }),
);

export type SwapRequestInput = z.infer<typeof SwapRequestSchema>;

/** Why a manager decides: required to decline (the officer reads it), optional to approve. */
export const DecisionReasonSchema = lazySchema(() => lineText(500));

export type AbsenceRequestInput = z.infer<typeof AbsenceRequestSchema>;

/** The states a request may move to from `state`, by who moves it. */
export function canMove(
  from: RequestState,
  to: RequestState,
  kind: RequestDetail['kind'],
): boolean {
  if (to === 'withdrawn') return OPEN_STATES.includes(from);
  if (to === 'pending') return kind === 'swap' && from === 'proposed';
  if (to === 'approved') return from === 'pending' || (kind === 'swap' && from === 'proposed');
  if (to === 'declined') return from === 'pending';
  return false;
}

/** The audit actor of an officer acting from their staff page. */
export const staffActor = (memberId: string) => `staff:${memberId}`;

/** What the colleague's decline form posts: an optional note the requester reads. */
export const DeclineSwapSchema = lazySchema(() => z.object({ note: lineText(500).optional() }));

/** A swap the colleague declined on their page, rather than a manager's refusal. */
export const declinedByColleague = (request: StaffRequest): boolean =>
  request.state === 'declined' &&
  request.colleagueId !== null &&
  request.decidedBy === staffActor(request.colleagueId);
