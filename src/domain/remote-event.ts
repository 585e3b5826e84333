/**
 * What a pushed calendar (Google, Outlook) should show for a slot: the same words as the feeds, the slot's times in
 * the roster's zone, and the slot key as its identity. The content hash lets the sync skip slots that did not change
 * and notice events someone edited by hand.
 */
import { eventText } from './event-text.ts';
import { contentHash } from './hash.ts';
import { gradeSlot, OTHERS } from './reason-privacy.ts';
import type { Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';

export interface RemoteEventContent {
  summary: string;
  description: string;
  location: string;
  /** ISO 8601 with offset. */
  start: string;
  end: string;
  timeZone: string;
  /** A slot nobody serves yet: Google's `status: tentative`, Outlook's `showAs: tentative`. */
  tentative?: boolean;
}

export interface DesiredRemoteEvent {
  slotKey: string;
  rosterId: string;
  date: string;
  content: RemoteEventContent;
  hash: string;
}

/**
 * The hash of what a calendar shows, computed the same way from what lichtruc wants and from what it reads back.
 * `tentative` joins the hashed fields only when set, so the events that are confirmed keep the hash they had.
 */
export function remoteContentHash(content: RemoteEventContent): string {
  const instant = (iso: string) => new Date(iso).toISOString();
  return contentHash(
    JSON.stringify([
      content.summary,
      content.description,
      content.location,
      instant(content.start),
      instant(content.end),
      content.timeZone,
      ...(content.tentative ? ['tentative'] : []),
    ]),
  );
}

export function desiredRemoteEvents(
  roster: Roster,
  slots: readonly DutySlot[],
): DesiredRemoteEvent[] {
  return slots.map((slot) => {
    // Pushed calendars are shared with the whole roster: sensitive reasons read "vắng" there.
    const text = eventText(roster, gradeSlot(slot, OTHERS));
    const content: RemoteEventContent = {
      summary: text.title,
      description: text.description,
      location: text.location,
      start: slot.start,
      end: slot.end,
      timeZone: roster.timeZone,
      tentative: slot.kind === 'uncovered',
    };
    return {
      slotKey: slot.key,
      rosterId: roster.id,
      date: slot.date,
      content,
      hash: remoteContentHash(content),
    };
  });
}
