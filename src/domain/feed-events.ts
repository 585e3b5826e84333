/**
 * The events a feed should show: one per slot in a roster's feed, and in a member's feed one per slot that member
 * serves. A member's copy has a UID of its own (`<slot key>/<member>`), so when someone else takes the slot it is
 * cancelled in that member's calendar while the roster's event is updated in place.
 */
import { eventText, reasonText, slotLabel } from './event-text.ts';
import type { AbsenceReason } from './facts-schema.ts';
import type { DesiredEvent } from './feed-state.ts';
import { contentHash } from './hash.ts';
import { gradeSlot, OTHERS, type Reader } from './reason-privacy.ts';
import type { Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';
import type { Language } from './vietnamese.ts';

export const UID_DOMAIN = 'lichtruc';

export interface EventContent {
  summary: string;
  description: string;
  location: string;
  start: string;
  end: string;
  /** Set on a slot nobody serves yet: the event is shown as tentative, not confirmed (absent otherwise, so the
   * content, its hash and SEQUENCE of every other event stay as they were). */
  tentative?: true;
}

/** A roster's feed, a member's feed, or a desk's public feed (`public:<roster id>`, see public-desk.ts). */
export type FeedScope =
  | { kind: 'roster'; rosterId: string }
  | { kind: 'member'; memberId: string }
  | { kind: 'public'; rosterId: string };

export function parseScope(scope: string): FeedScope {
  const [kind, id] = scope.split(':', 2) as [string, string];
  if (kind === 'member') return { kind: 'member', memberId: id };
  return kind === 'public' ? { kind: 'public', rosterId: id } : { kind: 'roster', rosterId: id };
}

export const publicScope = (rosterId: string) => `public:${rosterId}`;

/**
 * A member's feed also carries their own absences (`<slot key>/<member>/away`), with the reason only they and the
 * roster's managers may read; every other slot is graded for its reader (reason-privacy.ts).
 */
export function desiredEvents(
  roster: Roster,
  slots: readonly DutySlot[],
  scope: Exclude<FeedScope, { kind: 'public' }>,
  language: Language = 'vi',
): DesiredEvent[] {
  if (scope.kind === 'roster')
    return slots.map((slot) =>
      desiredEvent(
        `${slot.key}@${UID_DOMAIN}`,
        slot,
        eventContent(roster, gradeSlot(slot, OTHERS), language),
      ),
    );
  const reader: Reader = { kind: 'member', memberId: scope.memberId };
  const events: DesiredEvent[] = [];
  for (const slot of slots) {
    const shown = gradeSlot(slot, reader);
    if (slot.memberId === scope.memberId)
      events.push(
        desiredEvent(
          `${slot.key}/${scope.memberId}@${UID_DOMAIN}`,
          slot,
          eventContent(roster, shown, language),
        ),
      );
    else if (slot.coversFor === scope.memberId && shown.reason !== null)
      events.push(
        desiredEvent(
          `${slot.key}/${scope.memberId}/away@${UID_DOMAIN}`,
          slot,
          awayContent(roster, shown, shown.reason, language),
        ),
      );
  }
  return events;
}

function eventContent(roster: Roster, slot: DutySlot, language: Language): EventContent {
  const text = eventText(roster, slot, language);
  return {
    summary: text.title,
    description: text.description,
    location: text.location,
    start: slot.start,
    end: slot.end,
    ...(slot.kind === 'uncovered' ? { tentative: true as const } : {}),
  };
}

/** `Nghỉ ốm – Trực thay: Ông Nguyễn Văn Luyện`: the absent member's own day, and who takes their duty. */
function awayContent(
  roster: Roster,
  slot: DutySlot,
  reason: AbsenceReason,
  language: Language,
): EventContent {
  const why = reasonText(reason, language);
  const content = eventContent(roster, slot, language);
  const summary = `${why.charAt(0).toUpperCase()}${why.slice(1)} – ${slotLabel(roster, slot, language)}`;
  return { ...content, summary };
}

function desiredEvent(uid: string, slot: DutySlot, content: EventContent): DesiredEvent {
  const json = JSON.stringify(content);
  return { uid, date: slot.date, hash: contentHash(json), content: json };
}
