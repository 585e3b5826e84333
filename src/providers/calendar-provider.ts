/**
 * The port every pushed calendar implements (Google now, Outlook next): read back the events lichtruc owns, and
 * apply a list of writes, batching as the service allows, answering each write on its own.
 */
import type { RemoteEvent, ShareRecord, SyncOp } from '../domain/sync-plan.ts';

export type ProviderName = 'google' | 'outlook';

export interface ProviderTarget {
  rosterId: string;
  /** Google calendar id, or Outlook calendar id (empty for the mailbox's default calendar). */
  calendarId: string;
  /** Outlook: the mailbox (user or shared) that owns the calendar. */
  mailbox?: string | undefined;
  /** The roster's IANA zone: event times are written and read back in it. */
  timeZone: string;
}

/**
 * retryable: rate limits, 5xx, timeouts (try again after `retryAfterMs`); credentials / not-shared: nothing will
 * work until a person fixes the key or the calendar's sharing, so the provider stops for that roster; rejected: this
 * one write was refused (e.g. 400) and will not succeed as it is.
 */
export type ProviderErrorKind = 'retryable' | 'credentials' | 'not-shared' | 'rejected';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: { retryAfterMs?: number | undefined; status?: number | undefined } = {},
  ) {
    super(message);
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

export type OpOutcome =
  | { ok: true; remoteId: string; etag: string | null }
  | { ok: false; error: ProviderError };

export interface ApplyOptions {
  beforeFollowUp?(writes: number): Promise<void>;
}

export interface CalendarProvider {
  readonly name: ProviderName;
  /** Who the service counts the writes of (Google: the service account; Graph: the app, per mailbox). */
  readonly principal?: string;
  /** Most writes one HTTP request may carry (Google batch: 50, Graph $batch: 20). */
  readonly maxBatch: number;
  /** Events lichtruc owns on the target calendar with a date in the horizon, cancelled ones included. */
  listOwned(target: ProviderTarget, horizon: { from: string; to: string }): Promise<RemoteEvent[]>;
  /**
   * Applies the writes (adopt ops are never passed); one outcome per op, in order. Writes the provider adds of its
   * own (a create answered "exists" redone as an update, an update of a vanished event redone as a create) wait for
   * `beforeFollowUp`, so the caller can count them against its budget first.
   */
  apply(
    target: ProviderTarget,
    ops: readonly Exclude<SyncOp, { type: 'adopt' }>[],
    options?: ApplyOptions,
  ): Promise<OpOutcome[]>;
  /**
   * Shares the calendar read-only with `wanted` accounts and withdraws the shares lichtruc `made` earlier for
   * accounts no longer wanted (a member left); shares made by anyone else are never touched. Returns the shares
   * lichtruc has made once done.
   */
  syncShares?(
    target: ProviderTarget,
    wanted: readonly string[],
    made: readonly ShareRecord[],
  ): Promise<ShareRecord[]>;
}
