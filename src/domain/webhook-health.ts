/**
 * When a webhook stops being called: after failing without a break for a day. Svix and Stripe wait days (5 and 3)
 * because their events stay useful for that long; a duty notice does not (a reminder is for tomorrow, a change is
 * told a day to two weeks ahead), and an endpoint down for a day has already missed what mattered. A minimum count
 * of failed attempts keeps one failure after a quiet week from pausing an endpoint that is called once a week: the
 * retries of a single notice (8 attempts over about two hours) already reach it, so a pause always follows at
 * least one notice given up on and a failure 24 hours after the first. An admin turns it back on in one click.
 */

/** How long every attempt must have failed. */
export const WEBHOOK_PAUSE_AFTER_MS = 24 * 3600_000;
/** And how many attempts in a row, at least. */
export const WEBHOOK_PAUSE_MIN_FAILURES = 5;

export interface WebhookSubscription {
  /** The event types wanted; none named means every type. */
  events: readonly string[];
  /** Set once the webhook was paused for failing; null while it is called. */
  disabledAt: string | null;
}

/** Whether an event of `type` is planned for this webhook now. */
export function webhookWants(hook: WebhookSubscription, type: string): boolean {
  return hook.disabledAt === null && (hook.events.length === 0 || hook.events.includes(type));
}

/** The instant before which a run of failures must have begun for a failure at `now` to pause the webhook. */
export function pauseCutoff(now: Date): string {
  return new Date(now.getTime() - WEBHOOK_PAUSE_AFTER_MS).toISOString();
}
