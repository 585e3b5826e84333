/**
 * What every sync run shares: where a roster publishes at each provider, the result a run reports, and the record
 * a landed write leaves.
 */
import { type DesiredRemoteEvent, desiredRemoteEvents } from '../domain/remote-event.ts';
import type { Roster } from '../domain/roster-schema.ts';
import type { SyncOp } from '../domain/sync-plan.ts';
import type { ProviderName, ProviderTarget } from '../providers/calendar-provider.ts';
import type { StoredRoster } from '../storage/records.ts';
import type { RecordWrite } from '../storage/sync-store.ts';
import { expandState, loadHolidayCalendar } from './roster-state.ts';
import type { SyncDeps } from './sync-deps.ts';

export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
  adopt: number;
  unchanged: number;
}

export interface SyncRunResult {
  provider: ProviderName;
  rosterId: string;
  full: boolean;
  dryRun: boolean;
  plan: PlanCounts;
  applied: number;
  failed: number;
  /** Writes still to do (retries exhausted or provider stopped): they stay in the outbox. */
  pending: number;
  blocked: boolean;
  error: string | null;
  /** Set when the run stopped rather than wait this long (see SyncDeps.maxWaitMs); the pending writes wait for it. */
  waitMs?: number;
}

export function targetOf(roster: Roster, provider: ProviderName): ProviderTarget | null {
  if (provider === 'google')
    return roster.publish?.google
      ? {
          rosterId: roster.id,
          calendarId: roster.publish.google.calendarId,
          timeZone: roster.timeZone,
        }
      : null;
  const outlook = roster.publish?.outlook;
  return outlook
    ? {
        rosterId: roster.id,
        calendarId: outlook.calendarId ?? '',
        mailbox: outlook.mailbox,
        timeZone: roster.timeZone,
      }
    : null;
}

/** Every calendar the roster publishes to, configured on this server or not. */
export function publishTargets(
  roster: Roster,
): { provider: ProviderName; target: ProviderTarget }[] {
  return (['google', 'outlook'] as const).flatMap((provider) => {
    const target = targetOf(roster, provider);
    return target ? [{ provider, target }] : [];
  });
}

export function configuredProviders(deps: SyncDeps, roster: Roster): ProviderName[] {
  return (Object.keys(deps.providers) as ProviderName[]).filter(
    (name) => targetOf(roster, name) !== null,
  );
}

export function countPlan(ops: readonly SyncOp[], unchanged: number): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, delete: 0, adopt: 0, unchanged };
  for (const op of ops) counts[op.type]++;
  return counts;
}

export function recordOf(op: SyncOp, remoteId: string, etag: string | null): RecordWrite {
  if (op.type === 'delete')
    return {
      slotKey: op.slotKey,
      date: op.date,
      remoteId,
      etag,
      contentHash: '',
      state: 'deleted',
    };
  return {
    slotKey: op.slotKey,
    date: op.event.date,
    remoteId,
    etag,
    contentHash: op.event.hash,
    state: 'present',
  };
}

/** A run that has written nothing yet. */
export function newRunResult(
  provider: ProviderName,
  rosterId: string,
  options: { full: boolean; dryRun: boolean },
): SyncRunResult {
  return {
    provider,
    rosterId,
    ...options,
    plan: countPlan([], 0),
    applied: 0,
    failed: 0,
    pending: 0,
    blocked: false,
    error: null,
  };
}

/** What the roster's calendars should show for the dates from `from` to `to` (inclusive). */
export async function desiredEventsOf(
  deps: Pick<SyncDeps, 'store'>,
  stored: StoredRoster,
  range: { from: string; to: string },
): Promise<DesiredRemoteEvent[]> {
  const facts = await deps.store.factsOf(stored.id);
  const holidays = await loadHolidayCalendar(deps.store);
  return desiredRemoteEvents(
    stored.roster,
    expandState({ stored, facts, holidays }, range.from, range.to).slots,
  );
}
