/** What every service verb receives: the store, the clock, who acts, and where feeds are published. */
import type { Actor } from '../storage/records.ts';
import type { Store } from '../storage/store.ts';
import type { Stamp } from '../storage/statements.ts';

export interface ServiceContext {
  store: Store;
  now(): Date;
  actor: Actor;
  /** Base URL of feed links, e.g. `https://lichtruc.example.gov.vn`. */
  publicUrl: string;
  /**
   * Why the actor changes a month an admin has closed (month close): required by such a change, and recorded with
   * each correction it makes. Unset for changes that touch no closed month.
   */
  correctionReason?: string | undefined;
  /**
   * Called after a change of a roster has landed (and its outbox rows with it): the entry pushes it soon. `'*'`: every
   * roster was queued (a holiday edit).
   */
  afterChange?: ((rosterId: string) => void) | undefined;
  /** Called after feeds were marked stale: the entry renders them in the background (they render on GET anyway). */
  feedsChanged?: (() => void) | undefined;
  /** Called after a holiday edit recorded its notice job: the entry fans it out to the rosters in the background. */
  holidayNoticesChanged?: (() => void) | undefined;
}

export function stampOf(ctx: ServiceContext): Stamp {
  return { actor: ctx.actor, now: ctx.now().toISOString() };
}
