/**
 * The Workers' dead letters (feed, holiday-notice and push queue messages that failed `max_retries` times) for the
 * admin sync page: which rosters each concerns, and re-running its work. Node never writes any (its in-process
 * workers retry on their own), so there the list is simply empty.
 *
 * Re-running a feed renders it at once; a push becomes a full resync of its roster and a holiday notice page tells
 * its rosters again, both after the response; a fan-out (refresh, fan-out, reconcile-all, holiday-jobs) is only
 * cleared, since the cron starts those again by itself. The letter is removed once its work is started (a feed: once
 * rendered), so a second click finds nothing to do.
 */
import type { ServiceContext } from './context.ts';
import { tellRosters } from './fan-out-holiday-notices.ts';
import { refreshScope } from './refresh-feeds.ts';
import { resyncRoster } from './sync-admin.ts';
import type { SyncDeps } from './sync-deps.ts';
import type { DeadLetter } from '../storage/feed-versions.ts';

export type DeadWork = 'feed' | 'member-feed' | 'push' | 'notice' | 'fan-out';

export interface DeadLetterView {
  seq: number;
  work: DeadWork;
  /** The rosters it concerns (their cards show it); empty for a fan-out. */
  rosterIds: string[];
  memberId: string | null;
  attempts: number;
  failedAt: string;
  /** The provider's last error (a push), when known; the queues do not pass a message's error on. */
  lastError: string | null;
}

interface Body {
  kind?: unknown;
  job?: unknown;
  rosters?: unknown;
}

function bodyOf(letter: DeadLetter): Body {
  try {
    const body = JSON.parse(letter.body) as unknown;
    return typeof body === 'object' && body !== null ? (body as Body) : {};
  } catch {
    return {};
  }
}

/** What a letter's scope (or, for a holiday notice page, its body) says it was doing, and for which rosters. */
function workOf(letter: DeadLetter): Pick<DeadLetterView, 'work' | 'rosterIds' | 'memberId'> {
  const [prefix, id] = (letter.scope ?? '').split(/:(.*)/s) as [string, string | undefined];
  if (id && prefix === 'roster') return { work: 'feed', rosterIds: [id], memberId: null };
  if (id && prefix === 'member') return { work: 'member-feed', rosterIds: [], memberId: id };
  if (id && (prefix === 'push' || prefix === 'reconcile'))
    return { work: 'push', rosterIds: [id], memberId: null };
  const { kind, rosters } = bodyOf(letter);
  if (kind === 'holiday-rosters' && Array.isArray(rosters))
    return { work: 'notice', rosterIds: rosters.map(String), memberId: null };
  return { work: 'fan-out', rosterIds: [], memberId: null };
}

async function viewOf(ctx: ServiceContext, letter: DeadLetter): Promise<DeadLetterView> {
  const work = workOf(letter);
  if (work.memberId)
    work.rosterIds = (await ctx.store.rostersWithMember(work.memberId)).map((stored) => stored.id);
  let lastError: string | null = null;
  for (const provider of work.work === 'push' ? ['google', 'outlook'] : []) {
    const state = await ctx.store.sync.state(provider, work.rosterIds[0]!);
    lastError ??= state?.lastError ?? null;
  }
  const { seq, attempts, failedAt } = letter;
  return { seq, ...work, attempts, failedAt, lastError };
}

export async function listDeadLetters(ctx: ServiceContext, limit = 200) {
  const letters = await ctx.store.feeds.deadLetters(limit);
  return Promise.all(letters.map((letter) => viewOf(ctx, letter)));
}

export interface Rerun {
  view: DeadLetterView;
  /** Work to go on after the response (a resync, a notice page); null when done or left to the cron. */
  background: (() => Promise<unknown>) | null;
}

/** Re-runs a dead letter's work; null when it was re-run (or cleared) already. */
export async function rerunDeadLetter(
  ctx: ServiceContext,
  sync: SyncDeps | undefined,
  seq: number,
): Promise<Rerun | null> {
  const letter = await ctx.store.feeds.deadLetter(seq);
  if (!letter) return null;
  const view = await viewOf(ctx, letter);
  if (view.work === 'feed' || view.work === 'member-feed') await refreshScope(ctx, letter.scope!);
  if (!(await ctx.store.feeds.clearDeadLetter(seq))) return null;
  return { view, background: await backgroundOf(ctx, sync, letter, view) };
}

async function backgroundOf(
  ctx: ServiceContext,
  sync: SyncDeps | undefined,
  letter: DeadLetter,
  view: DeadLetterView,
): Promise<(() => Promise<unknown>) | null> {
  if (view.work === 'push' && sync)
    return () => resyncRoster(sync, view.rosterIds[0]!, { dryRun: false });
  const job = view.work === 'notice' ? Number(bodyOf(letter).job) : Number.NaN;
  const found = Number.isSafeInteger(job) ? await ctx.store.holidayNotices.get(job) : null;
  // A job forgotten (a week on) cannot be told again; its letter is only cleared.
  return found ? () => tellRosters(ctx, found, view.rosterIds) : null;
}
