/**
 * The events a feed should show: one per slot in a roster's feed, and in a member's feed one per slot that member
 * serves. A member's copy has a UID of its own (`<slot key>/<member>`), so when someone else takes the slot it is
 * cancelled in that member's calendar while the roster's event is updated in place.
 */
import { eventText } from './event-text.ts';
import type { DesiredEvent } from './feed-state.ts';
import { contentHash } from './hash.ts';
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

export type FeedScope = { kind: 'roster'; rosterId: string } | { kind: 'member'; memberId: string };

export function parseScope(scope: string): FeedScope {
  const [kind, id] = scope.split(':', 2) as [string, string];
  return kind === 'member' ? { kind: 'member', memberId: id } : { kind: 'roster', rosterId: id };
}

export function desiredEvents(
  roster: Roster,
  slots: readonly DutySlot[],
  scope: FeedScope,
  language: Language = 'vi',
): DesiredEvent[] {
  const shown =
    scope.kind === 'member' ? slots.filter((slot) => slot.memberId === scope.memberId) : slots;
  return shown.map((slot) => {
    const text = eventText(roster, slot, language);
    const content: EventContent = {
      summary: text.title,
      description: text.description,
      location: text.location,
      start: slot.start,
      end: slot.end,
      ...(slot.kind === 'uncovered' ? { tentative: true as const } : {}),
    };
    const json = JSON.stringify(content);
    const uid =
      scope.kind === 'member'
        ? `${slot.key}/${scope.memberId}@${UID_DOMAIN}`
        : `${slot.key}@${UID_DOMAIN}`;
    return { uid, date: slot.date, hash: contentHash(json), content: json };
  });
}
