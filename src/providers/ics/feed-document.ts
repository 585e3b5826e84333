/**
 * What an ICS feed shows, independent of how it is written: the calendar's name and zone, and each event with the
 * publication state that makes clients update it in place (a UID for life, a SEQUENCE that only grows, the time of
 * the last change). A cancelled event stays in the feed for a while so clients remove it instead of guessing.
 */
export interface FeedEvent {
  /** Never changes for the life of the slot (and, in a member's feed, for that member's copy of it). */
  uid: string;
  summary: string;
  description: string;
  location: string;
  /** ISO 8601 with offset, e.g. `2024-04-15T07:30:00+07:00`; written as local time with TZID=`timeZone`. */
  start: string;
  end: string;
  /** `tentative` for a duty nobody serves yet (STATUS:TENTATIVE): not a confirmed event. */
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Strictly greater after every change of content or status. */
  sequence: number;
  /** ISO 8601 UTC instants, one-second resolution. */
  created: string;
  lastModified: string;
}

export interface FeedDocument {
  /** Calendar name shown by clients (X-WR-CALNAME), in Vietnamese by default. */
  name: string;
  description?: string;
  /** IANA zone of every event's local times, e.g. `Asia/Ho_Chi_Minh`. */
  timeZone: string;
  /** How often clients should poll, in minutes (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refreshMinutes: number;
  events: FeedEvent[];
}

/** The document cannot be written as a correct feed; answer 5xx rather than publish a wrong or partial calendar. */
export class FeedRenderError extends Error {
  override name = 'FeedRenderError';
}
